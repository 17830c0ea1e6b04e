import { textToHtml } from '../../lib/html.ts';
import type { SeedAgent, SeedContext, SeedEntry, SeedEvent, SeedState, SeedTicket } from './model.ts';
import { mixSeed, Random, WeightedSampler } from './random.ts';
import { TextGenerator } from './text.ts';
import { TAGS } from './vocabulary.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SOURCES = ['email', 'web', 'api', 'phone', 'agent', 'alert'];
const SOURCE_WEIGHTS = new WeightedSampler([45, 30, 10, 8, 5, 2]);
const PRIORITY_WEIGHT: Record<string, number> = { low: 15, normal: 60, high: 20, emergency: 5 };
const CODES = ['fixed', 'workaround', 'duplicate', 'no_fault_found', 'cannot_reproduce', 'other'];
const CODE_LABELS = ['Fixed', 'Workaround', 'Duplicate', 'No fault found', 'Cannot reproduce', 'Other'];
const CODE_WEIGHTS = new WeightedSampler([55, 15, 8, 8, 6, 8]);
// Entries after the first message: 0 to 4, about one on average, as in a typical support conversation.
const EXTRA_ENTRIES = new WeightedSampler([30, 40, 20, 7, 3]);

/** The state a ticket of this age is in: recent tickets are still being worked, old ones are closed. */
function stateFor(age: number, random: Random): SeedState {
  const u = random.next();
  if (age < DAY) return u < 0.7 ? 'open' : u < 0.8 ? 'pending' : u < 0.88 ? 'resolved' : 'closed';
  if (age < 7 * DAY) return u < 0.35 ? 'open' : u < 0.47 ? 'pending' : u < 0.65 ? 'resolved' : 'closed';
  if (age < 30 * DAY) return u < 0.1 ? 'open' : u < 0.15 ? 'pending' : 'closed';
  if (age < 365 * DAY) return u < 0.015 ? 'open' : u < 0.02 ? 'pending' : u < 0.99 ? 'closed' : 'archived';
  return u < 0.004 ? 'open' : u < 0.005 ? 'pending' : u < 0.955 ? 'closed' : 'archived';
}

/**
 * Generates ticket `index` of `total` with its whole history: the requester's first message, replies and
 * notes, assignment, a structured resolution and closing where the state says so, and an event for each
 * change. Creation times spread over the context's span, denser towards the present (a growing desk).
 */
export class TicketGenerator {
  readonly text = new TextGenerator();
  private readonly random = new Random(0);
  private readonly requesterSampler: WeightedSampler;
  private readonly agentSampler: WeightedSampler;
  private readonly departmentSampler: WeightedSampler;
  private readonly prioritySampler: WeightedSampler;
  private readonly tagSampler = WeightedSampler.zipf(TAGS.length, 1);
  private readonly agentsByDepartment = new Map<number, SeedAgent[]>();

  constructor(
    private readonly context: SeedContext,
    private readonly seed: number,
    private readonly total: number,
  ) {
    // Some requesters write in far more often than others, and a few agents carry most of the load.
    this.requesterSampler = WeightedSampler.zipf(context.requesters.length, 0.6);
    this.agentSampler = WeightedSampler.zipf(context.agents.length, 0.5);
    this.departmentSampler = WeightedSampler.zipf(context.departments.length, 0.8);
    this.prioritySampler = new WeightedSampler(context.priorities.map((p) => PRIORITY_WEIGHT[p.key] ?? 2));
    for (const agent of context.agents) {
      const list = this.agentsByDepartment.get(agent.departmentId) ?? [];
      list.push(agent);
      this.agentsByDepartment.set(agent.departmentId, list);
    }
  }

  generate(index: number, number: string): SeedTicket {
    const random = this.random;
    const { context } = this;
    random.reseed(mixSeed(this.seed, index));
    this.text.beginTicket(random, index);
    const createdAt = Math.round(
      context.now - context.spanMs + context.spanMs * ((index + random.next()) / this.total) ** 0.7,
    );
    const state = stateFor(context.now - createdAt, random);
    const requester = context.requesters[this.requesterSampler.sample(random)]!;
    const topic = random.chance(0.6) ? random.pick(context.topics) : null;
    const department =
      context.departments.find((d) => d.id === topic?.departmentId) ??
      context.departments[this.departmentSampler.sample(random)]!;
    const priority = context.priorities[this.prioritySampler.sample(random)]!;
    const source = SOURCES[SOURCE_WEIGHTS.sample(random)]!;
    const tags = this.tags(random);
    const isDone = state === 'resolved' || state === 'closed' || state === 'archived';
    const assignee =
      isDone || state === 'pending' || random.chance(0.7) ? this.agentFor(department.id, random) : null;
    const teamId = assignee && random.chance(0.3) ? random.pick(context.teamIds) : null;

    const subject = this.text.subject(random);
    const entries: SeedEntry[] = [this.entry('message', requester, null, createdAt, random)];
    const byAgent = source === 'phone' || source === 'agent' ? (assignee ?? context.agents[0]!) : null;
    const events: SeedEvent[] = [
      event('created', byAgent, byAgent ? null : requester.id, createdAt, {
        after: {
          number,
          source,
          state: 'open',
          statusId: context.statuses.open.id,
          priority: priority.key,
          departmentId: department.id,
          topicId: topic?.id ?? null,
          assigneeAgentId: null,
          assigneeTeamId: null,
          tags,
          requesterId: requester.id,
          enteredBy: byAgent?.id ?? null,
        },
      }),
    ];

    // The moments after creation, evenly spread with jitter over the ticket's working life.
    const extras = EXTRA_ENTRIES.sample(random) + (state === 'pending' ? 1 : 0);
    const steps = (assignee ? 1 : 0) + extras + (isDone ? 1 : 0);
    const window = context.now - createdAt;
    const life = isDone ? Math.min(window * 0.8, HOUR + random.next() ** 2 * 10 * DAY) : window * 0.9;
    let step = 0;
    const nextTime = () => {
      step += 1;
      return Math.round(createdAt + (life * (step - 0.5 + random.next() * 0.5)) / (steps + 1));
    };

    const worker = assignee ?? this.agentFor(department.id, random);
    if (assignee) {
      const at = nextTime();
      events.push(
        event('assigned', assignee, null, at, {
          before: { agentId: null, teamId: null },
          after: { agentId: assignee.id, teamId },
        }),
      );
    }
    let previous: SeedEntry['type'] = 'message';
    for (let i = 0; i < extras; i += 1) {
      const isLast = i === extras - 1;
      const type: SeedEntry['type'] =
        state === 'pending' && isLast
          ? 'reply'
          : previous === 'reply'
            ? random.chance(0.6)
              ? 'message'
              : random.chance(0.4)
                ? 'note'
                : 'reply'
            : random.chance(0.8)
              ? 'reply'
              : 'note';
      entries.push(this.entry(type, requester, worker, nextTime(), random));
      previous = type;
    }
    let slaPausedAt: number | null = null;
    if (state === 'pending') {
      slaPausedAt = entries[entries.length - 1]!.createdAt;
      events.push(statusEvent('status_changed', worker, slaPausedAt, context.statuses, 'open', 'pending'));
    }

    let resolvedAt: number | null = null;
    let closedAt: number | null = null;
    if (isDone) {
      resolvedAt = nextTime();
      const code = CODE_WEIGHTS.sample(random);
      const narrative = this.text.resolution(random);
      const text = [
        `Resolution: ${CODE_LABELS[code]}`,
        `Problem identified:\n${narrative.problem}`,
        `Action taken:\n${narrative.actionTaken}`,
        `Resolution confirmation:\n${narrative.confirmation}`,
        ...(narrative.nextSteps ? [`Next steps:\n${narrative.nextSteps}`] : []),
      ].join('\n\n');
      const resolution = { ...narrative, code: CODES[code]!, agentId: worker.id, createdAt: resolvedAt };
      entries.push({
        ...agentEntry('resolution', worker, text, resolvedAt),
        resolution: { ...resolution, outcome: null, outcomeAt: null },
      });
      events.push(
        statusEvent('resolved', worker, resolvedAt, context.statuses, 'open', 'resolved', CODES[code]),
      );
      if (state !== 'resolved') {
        const isConfirmed = random.chance(0.3);
        const delay = isConfirmed ? random.next() * DAY : (3 + random.next() * 4) * DAY;
        closedAt = Math.round(resolvedAt + Math.min(delay, (context.now - resolvedAt) * 0.9));
        const reason = isConfirmed ? 'confirmed' : 'auto_closed';
        entries[entries.length - 1]!.resolution!.outcome = reason;
        entries[entries.length - 1]!.resolution!.outcomeAt = closedAt;
        const closer = isConfirmed ? { userId: requester.id } : null;
        events.push(
          statusEvent(reason, null, closedAt, context.statuses, 'resolved', 'closed', null, closer),
        );
      }
      if (state === 'archived' && closedAt !== null) {
        const at = Math.round(closedAt + Math.min(60 * DAY, (context.now - closedAt) * 0.5));
        events.push(statusEvent('status_changed', null, at, context.statuses, 'closed', 'archived'));
      }
    }

    const slaPlanId = department.slaPlanId;
    const dueAt =
      slaPlanId !== null && department.resolutionHours !== null
        ? createdAt + department.resolutionHours * HOUR
        : null;
    let lastMessageAt = createdAt;
    let lastResponseAt: number | null = null;
    for (const entry of entries) {
      if (entry.type === 'message') lastMessageAt = entry.createdAt;
      if (entry.type === 'reply') lastResponseAt = entry.createdAt;
    }
    const updatedAt = Math.max(entries[entries.length - 1]!.createdAt, events[events.length - 1]!.createdAt);
    return {
      number,
      subject,
      statusId: context.statuses[state].id,
      state,
      priorityId: priority.id,
      source,
      userId: requester.id,
      organizationId: requester.organizationId,
      departmentId: department.id,
      topicId: topic?.id ?? null,
      assigneeAgentId: assignee?.id ?? null,
      assigneeTeamId: teamId,
      slaPlanId,
      dueAt,
      slaPausedAt,
      isAnswered: lastResponseAt !== null ? 1 : 0,
      isOverdue: state === 'open' && dueAt !== null && dueAt < context.now ? 1 : 0,
      createdAt,
      updatedAt,
      lastMessageAt,
      lastResponseAt,
      resolvedAt,
      closedAt,
      tags,
      entries,
      events,
    };
  }

  private agentFor(departmentId: number, random: Random): SeedAgent {
    const local = this.agentsByDepartment.get(departmentId);
    if (local && random.chance(0.8)) return random.pick(local);
    return this.context.agents[this.agentSampler.sample(random)]!;
  }

  private tags(random: Random): string[] {
    if (random.chance(0.55)) return [];
    const count = random.chance(0.7) ? 1 : random.between(2, 3);
    const tags = new Set<string>();
    for (let i = 0; i < count; i += 1) tags.add(TAGS[this.tagSampler.sample(random)]!);
    return [...tags].sort();
  }

  private entry(
    type: SeedEntry['type'],
    requester: SeedContext['requesters'][number],
    agent: SeedAgent | null,
    at: number,
    random: Random,
  ): SeedEntry {
    if (type === 'message' || !agent) {
      const text = this.text.message(random, requester.firstName);
      return {
        type: 'message',
        authorType: 'user',
        authorAgentId: null,
        authorUserId: requester.id,
        authorName: requester.name,
        bodyHtml: textToHtml(text),
        bodyText: text,
        createdAt: at,
        resolution: null,
      };
    }
    const text = type === 'reply' ? this.text.reply(random, agent.firstName) : this.text.note(random);
    return agentEntry(type, agent, text, at);
  }
}

function agentEntry(type: SeedEntry['type'], agent: SeedAgent, text: string, at: number): SeedEntry {
  return {
    type,
    authorType: 'agent',
    authorAgentId: agent.id,
    authorUserId: null,
    authorName: agent.name,
    bodyHtml: textToHtml(text),
    bodyText: text,
    createdAt: at,
    resolution: null,
  };
}

function event(
  type: string,
  agent: SeedAgent | null,
  userId: number | null,
  at: number,
  data: Record<string, unknown>,
): SeedEvent {
  return {
    type,
    actorType: agent ? 'agent' : userId !== null ? 'user' : 'system',
    actorAgentId: agent?.id ?? null,
    actorUserId: agent ? null : userId,
    data: JSON.stringify(data),
    createdAt: at,
  };
}

function statusEvent(
  type: string,
  agent: SeedAgent | null,
  at: number,
  statuses: SeedContext['statuses'],
  from: SeedState,
  to: SeedState,
  code: string | null = null,
  user: { userId: number } | null = null,
): SeedEvent {
  return event(type, agent, user?.userId ?? null, at, {
    before: { statusId: statuses[from].id, state: from },
    after: { statusId: statuses[to].id, state: to, status: statuses[to].name, ...(code ? { code } : {}) },
  });
}
