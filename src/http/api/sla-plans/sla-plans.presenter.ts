import type { Static } from 'typebox';
import type { SlaPlanRecord } from '../../../db/repositories/sla-plans.repository.ts';
import { iso } from '../../../lib/json.ts';
import type { SlaPlan } from './sla-plans.schema.ts';

/** An SLA plan as the API shows it. */
export function presentSlaPlan(plan: SlaPlanRecord): Static<typeof SlaPlan> {
  return {
    id: plan.id,
    name: plan.name,
    resolutionHours: plan.resolutionHours,
    firstResponseHours: plan.firstResponseHours,
    isActive: plan.isActive,
    createdAt: iso(plan.createdAt) as string,
    updatedAt: iso(plan.updatedAt) as string,
  };
}
