import { listFieldsOfTopics } from '../../db/repositories/topic-fields.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { checkFormValues } from '../../domain/forms/form-values.ts';
import type { ServiceDeps } from '../deps.ts';

/**
 * Who filled in the form: an agent or an integration (every field of the topic; keys the form does not
 * have are kept, osTicket-style integrations send their own), or a requester on the portal (only the
 * public fields, and nothing else).
 */
export type FormAudience = 'agent' | 'portal';

/**
 * Checks a new ticket's field values against its help topic's form and returns the values to store. On
 * the agent side the form applies only when values are sent with a topic, so existing integrations that
 * send none keep working; on the portal it always applies. Throws validation_failed naming the first bad
 * field, with every problem in `details.problems`.
 */
export async function checkTicketFields(
  deps: ServiceDeps,
  topicId: number | null,
  fields: Record<string, unknown> | undefined,
  audience: FormAudience,
): Promise<Record<string, unknown> | undefined> {
  const isPortal = audience === 'portal';
  if (!isPortal && (fields === undefined || topicId === null)) return fields;
  const form = topicId === null ? [] : await listFieldsOfTopics(deps.db, [topicId], { publicOnly: isPortal });
  const checked = checkFormValues(form, fields ?? {}, { allowUnknown: !isPortal });
  const first = checked.problems[0];
  if (!first) return checked.values;
  const label = form.find((field) => field.key === first.key)?.label;
  throw new AppError(
    'validation_failed',
    `fields.${first.key}${label ? ` (${label})` : ''} ${first.message}`,
    {
      in: 'body',
      field: `fields.${first.key}`,
      problems: checked.problems.map((problem) => ({
        field: `fields.${problem.key}`,
        message: problem.message,
      })),
    },
  );
}
