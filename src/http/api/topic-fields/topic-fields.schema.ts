import { Type } from 'typebox';
import { FORM_FIELD_TYPES } from '../../../domain/forms/form-values.ts';
import { Timestamp } from '../common.schema.ts';

const FieldType = Type.Enum(FORM_FIELD_TYPES, { description: FORM_FIELD_TYPES.join(', ') });
const Key = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[a-z0-9]+(?:[_-][a-z0-9]+)*$',
  description:
    'A slug, unique within the topic: lower-case letters, digits, "_" and "-". Values are stored under it.',
});
const Label = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Options = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
  maxItems: 100,
  description: 'The choices of a select field (required for select, empty for every other type).',
});
const OptionalText = (maxLength: number) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));

export const TopicFieldParams = Type.Object({
  id: Type.Integer({ minimum: 1, description: 'The help topic' }),
  fieldId: Type.Integer({ minimum: 1 }),
});

export const TopicField = Type.Object({
  id: Type.Integer(),
  topicId: Type.Integer(),
  key: Type.String(),
  label: Type.String(),
  type: FieldType,
  isRequired: Type.Boolean(),
  options: Type.Array(Type.String()),
  placeholder: Type.Union([Type.String(), Type.Null()]),
  helpText: Type.Union([Type.String(), Type.Null()]),
  sortOrder: Type.Integer(),
  isPublic: Type.Boolean({ description: 'Shown on the customer portal; other fields are for agents only.' }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

const properties = {
  isRequired: Type.Optional(Type.Boolean()),
  options: Type.Optional(Options),
  placeholder: OptionalText(200),
  helpText: OptionalText(1000),
  sortOrder: Type.Optional(Type.Integer({ minimum: -1_000_000, maximum: 1_000_000 })),
  isPublic: Type.Optional(Type.Boolean()),
};

export const CreateTopicFieldBody = Type.Object(
  { key: Key, label: Label, type: FieldType, ...properties },
  { additionalProperties: false },
);

export const UpdateTopicFieldBody = Type.Object(
  { key: Type.Optional(Key), label: Type.Optional(Label), type: Type.Optional(FieldType), ...properties },
  { additionalProperties: false },
);
