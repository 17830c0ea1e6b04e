import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client.ts';

// Configuration changes rarely; a few minutes of staleness is fine and admin screens invalidate on change.
const CATALOG_STALE_MS = 5 * 60_000;

/** Query keys of the configuration lists, invalidated by the admin screens that change them. */
export const catalogKeys = {
  departments: ['catalog', 'departments'] as const,
  agents: ['catalog', 'agents'] as const,
  teams: ['catalog', 'teams'] as const,
  topics: ['catalog', 'topics'] as const,
  statuses: ['catalog', 'statuses'] as const,
  priorities: ['catalog', 'priorities'] as const,
  slaPlans: ['catalog', 'sla-plans'] as const,
  roles: ['catalog', 'roles'] as const,
};

/** Departments, with their paths. */
export function useDepartments() {
  return useQuery({
    queryKey: catalogKeys.departments,
    queryFn: async () => (await call(api.GET('/api/v1/departments'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Agents. */
export function useAgents() {
  return useQuery({
    queryKey: catalogKeys.agents,
    queryFn: async () => (await call(api.GET('/api/v1/agents'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Teams. */
export function useTeams() {
  return useQuery({
    queryKey: catalogKeys.teams,
    queryFn: async () => (await call(api.GET('/api/v1/teams'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Help topics. */
export function useTopics() {
  return useQuery({
    queryKey: catalogKeys.topics,
    queryFn: async () => (await call(api.GET('/api/v1/topics'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Ticket statuses, in their display order. */
export function useStatuses() {
  return useQuery({
    queryKey: catalogKeys.statuses,
    queryFn: async () => (await call(api.GET('/api/v1/statuses'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Priorities, most urgent first. */
export function usePriorities() {
  return useQuery({
    queryKey: catalogKeys.priorities,
    queryFn: async () => (await call(api.GET('/api/v1/priorities'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** SLA plans. */
export function useSlaPlans() {
  return useQuery({
    queryKey: catalogKeys.slaPlans,
    queryFn: async () => (await call(api.GET('/api/v1/sla-plans'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}

/** Roles. */
export function useRoles() {
  return useQuery({
    queryKey: catalogKeys.roles,
    queryFn: async () => (await call(api.GET('/api/v1/roles'))).items,
    staleTime: CATALOG_STALE_MS,
  });
}
