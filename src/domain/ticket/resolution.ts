/** The structured record every resolved ticket carries. */
export const RESOLUTION_CODES = [
  'fixed',
  'workaround',
  'duplicate',
  'no_fault_found',
  'cannot_reproduce',
  'other',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export interface ResolutionInput {
  problem?: string | null | undefined;
  actionTaken?: string | null | undefined;
  confirmation?: string | null | undefined;
  nextSteps?: string | null | undefined;
  code?: string | null | undefined;
}

export interface Resolution {
  problem: string;
  actionTaken: string;
  confirmation: string;
  nextSteps: string | null;
  code: ResolutionCode;
}

export type ResolutionCheck =
  | { ok: true; resolution: Resolution }
  | { ok: false; missing: string[]; invalid: string[] };

const REQUIRED = ['problem', 'actionTaken', 'confirmation'] as const;

/** Checks a resolution: the three narrative fields must say something, and the code must be a known one. */
export function checkResolution(input: ResolutionInput): ResolutionCheck {
  const missing: string[] = [];
  const invalid: string[] = [];
  for (const field of REQUIRED) {
    if (!input[field]?.trim()) missing.push(field);
  }
  if (!input.code?.trim()) missing.push('code');
  else if (!(RESOLUTION_CODES as readonly string[]).includes(input.code)) invalid.push('code');
  if (missing.length > 0 || invalid.length > 0) return { ok: false, missing, invalid };
  return {
    ok: true,
    resolution: {
      problem: input.problem!.trim(),
      actionTaken: input.actionTaken!.trim(),
      confirmation: input.confirmation!.trim(),
      nextSteps: input.nextSteps?.trim() || null,
      code: input.code as ResolutionCode,
    },
  };
}

/** The sentence a 422 carries for a failed check. */
export function describeResolutionProblem(missing: string[], invalid: string[]): string {
  const parts: string[] = [];
  if (missing.length > 0) parts.push(`missing ${missing.join(', ')}`);
  if (invalid.length > 0) parts.push(`code must be one of ${RESOLUTION_CODES.join(', ')}`);
  return `A resolution is required to resolve a ticket: ${parts.join('; ')}`;
}
