import type { Db, DialectName } from '../database.ts';
import { insertChunked, reserveIds } from './catalog.ts';
import type { SeedAgent, SeedRequester } from './model.ts';
import { mixSeed, Random, WeightedSampler } from './random.ts';
import {
  FIRST_NAMES,
  FREE_MAIL_DOMAINS,
  LAST_NAMES,
  ORGANIZATION_KINDS,
  ORGANIZATION_PREFIXES,
} from './vocabulary.ts';

export interface DirectoryOptions {
  users: number;
  agents: number;
  seed: number;
  now: number;
}

interface PlannedPerson {
  name: string;
  firstName: string;
  email: string;
}

const AGENT_DOMAIN = 'helpdesk.example';

/** Distinct `first.last@domain` addresses, numbered when a name repeats. */
function planPeople(random: Random, count: number, domainOf: (i: number) => string): PlannedPerson[] {
  const used = new Set<string>();
  const people: PlannedPerson[] = [];
  for (let i = 0; i < count; i += 1) {
    const firstName = random.pick(FIRST_NAMES);
    const lastName = random.pick(LAST_NAMES);
    const local = `${firstName}.${lastName}`.toLowerCase();
    const domain = domainOf(i);
    let email = `${local}@${domain}`;
    for (let n = 2; used.has(email); n += 1) email = `${local}${n}@${domain}`;
    used.add(email);
    people.push({ name: `${firstName} ${lastName}`, firstName, email });
  }
  return people;
}

async function ensureOrganizations(db: Db, random: Random, count: number, now: number) {
  const combos = ORGANIZATION_PREFIXES.flatMap((prefix) => ORGANIZATION_KINDS.map((kind) => [prefix, kind]));
  for (let i = combos.length - 1; i > 0; i -= 1) {
    const j = random.int(i + 1);
    [combos[i], combos[j]] = [combos[j]!, combos[i]!];
  }
  const planned = combos.slice(0, count).map(([prefix, kind]) => ({
    name: `${prefix} ${kind}`,
    domain: `${prefix}-${kind}.example`.toLowerCase(),
  }));
  await insertChunked(planned, (chunk) =>
    db
      .insertInto('organizations')
      .values(chunk.map((org) => ({ name: org.name, created_at: now, updated_at: now })))
      .onConflict((oc) => oc.column('name').doNothing())
      .execute(),
  );
  const idOf = new Map<string, number>();
  await insertChunked(planned, async (chunk) => {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name'])
      .where(
        'name',
        'in',
        chunk.map((org) => org.name),
      )
      .execute();
    for (const row of rows) idOf.set(row.name, row.id);
  });
  const organizations = planned.map((org) => ({ id: idOf.get(org.name)!, domain: org.domain }));
  await insertChunked(organizations, (chunk) =>
    db
      .insertInto('organization_domains')
      .values(chunk.map((org) => ({ domain: org.domain, organization_id: org.id })))
      .onConflict((oc) => oc.column('domain').doNothing())
      .execute(),
  );
  return organizations;
}

/** The ids of the users already known by these addresses. */
async function existingUserIds(db: Db, emails: string[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  await insertChunked(emails, async (chunk) => {
    const rows = await db
      .selectFrom('user_emails')
      .select(['user_id', 'address'])
      .where('address', 'in', chunk)
      .execute();
    for (const row of rows) ids.set(row.address, row.user_id);
  });
  return ids;
}

async function ensureRequesters(
  db: Db,
  dialect: DialectName,
  random: Random,
  options: DirectoryOptions,
): Promise<SeedRequester[]> {
  const organizations = await ensureOrganizations(
    db,
    random,
    Math.max(3, Math.round(options.users / 25)),
    options.now,
  );
  // A quarter of requesters write from personal mailboxes; the rest belong to organizations of skewed size.
  const orgSampler = WeightedSampler.zipf(organizations.length, 0.7);
  const orgOfUser = Array.from({ length: options.users }, () =>
    random.chance(0.25) ? null : organizations[orgSampler.sample(random)]!,
  );
  const people = planPeople(
    random,
    options.users,
    (i) => orgOfUser[i]?.domain ?? random.pick(FREE_MAIL_DOMAINS),
  );
  const existing = await existingUserIds(
    db,
    people.map((p) => p.email),
  );
  const missing = people.filter((p) => !existing.has(p.email));
  const ids = await reserveIds(db, dialect, 'users', missing.length);
  for (const [i, person] of missing.entries()) existing.set(person.email, ids[i]!);
  const stamps = { created_at: options.now, updated_at: options.now };
  const orgIdOf = new Map(people.map((p, i) => [p.email, orgOfUser[i]?.id ?? null]));
  await insertChunked(missing, (chunk) =>
    db
      .insertInto('users')
      .values(
        chunk.map((p) => ({
          id: existing.get(p.email)!,
          name: p.name,
          organization_id: orgIdOf.get(p.email)!,
          ...stamps,
        })),
      )
      .execute(),
  );
  await insertChunked(missing, (chunk) =>
    db
      .insertInto('user_emails')
      .values(chunk.map((p) => ({ user_id: existing.get(p.email)!, address: p.email, is_primary: 1 })))
      .execute(),
  );
  return people.map((p) => ({
    id: existing.get(p.email)!,
    name: p.name,
    firstName: p.firstName,
    organizationId: orgIdOf.get(p.email) ?? null,
  }));
}

async function ensureAgents(
  db: Db,
  dialect: DialectName,
  random: Random,
  options: DirectoryOptions,
  teamIds: number[],
): Promise<SeedAgent[]> {
  const departments = await db
    .selectFrom('departments')
    .select('id')
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
  const roles = await db.selectFrom('roles').select(['id', 'name']).orderBy('id').execute();
  const roleId = (roles.find((r) => r.name === 'Expanded access') ?? roles[0])?.id;
  if (roleId === undefined || departments.length === 0)
    throw new Error('Run the default setup before seeding');
  const people = planPeople(random, options.agents, () => AGENT_DOMAIN);
  const departmentOf = people.map((_, i) => departments[i % departments.length]!.id);
  const existing = new Map<string, number>();
  const rows = await db
    .selectFrom('agents')
    .select(['id', 'email'])
    .where('email', 'like', `%@${AGENT_DOMAIN}`)
    .execute();
  for (const row of rows) existing.set(row.email, row.id);
  const missing = people
    .map((p, i) => ({ ...p, departmentId: departmentOf[i]! }))
    .filter((p) => !existing.has(p.email));
  const ids = await reserveIds(db, dialect, 'agents', missing.length);
  for (const [i, agent] of missing.entries()) existing.set(agent.email, ids[i]!);
  await insertChunked(missing, (chunk) =>
    db
      .insertInto('agents')
      .values(
        chunk.map((a) => ({
          id: existing.get(a.email)!,
          email: a.email,
          name: a.name,
          password_hash: null,
          is_admin: 0,
          is_active: 1,
          department_id: a.departmentId,
          role_id: roleId,
          created_at: options.now,
          updated_at: options.now,
          last_login_at: null,
        })),
      )
      .execute(),
  );
  const agents = people.map((p, i) => ({
    id: existing.get(p.email)!,
    name: p.name,
    firstName: p.firstName,
    departmentId: departmentOf[i]!,
  }));
  // Each agent works in one or two teams, and some also cover a second department.
  const memberships = agents.flatMap((agent) => {
    const teams = new Set([random.pick(teamIds), ...(random.chance(0.3) ? [random.pick(teamIds)] : [])]);
    return [...teams].map((teamId) => ({ team_id: teamId, agent_id: agent.id }));
  });
  await insertChunked(memberships, (chunk) =>
    db
      .insertInto('team_members')
      .values(chunk)
      .onConflict((oc) => oc.columns(['team_id', 'agent_id']).doNothing())
      .execute(),
  );
  const grants = agents
    .filter(() => random.chance(0.2))
    .map((agent) => ({ agent_id: agent.id, department_id: random.pick(departments).id, role_id: roleId }))
    .filter((grant) => grant.department_id !== agents.find((a) => a.id === grant.agent_id)?.departmentId);
  await insertChunked(grants, (chunk) =>
    db
      .insertInto('agent_departments')
      .values(chunk)
      .onConflict((oc) => oc.columns(['agent_id', 'department_id']).doNothing())
      .execute(),
  );
  return agents;
}

/**
 * Creates (or finds, when seeding again with the same seed) the organizations with their email domains,
 * the requesters and the agents with their teams, in one transaction.
 */
export async function ensureDirectory(
  db: Db,
  dialect: DialectName,
  options: DirectoryOptions,
  teamIds: number[],
): Promise<{ requesters: SeedRequester[]; agents: SeedAgent[] }> {
  return db.transaction().execute(async (trx) => {
    const agents = await ensureAgents(
      trx,
      dialect,
      new Random(mixSeed(options.seed, 0xa6e)),
      options,
      teamIds,
    );
    const requesters = await ensureRequesters(
      trx,
      dialect,
      new Random(mixSeed(options.seed, 0x05e)),
      options,
    );
    return { requesters, agents };
  });
}
