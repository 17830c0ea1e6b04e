import type { QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Option } from '../../ui/field.tsx';

export type FormValue = string | boolean | string[];
export type FormState = Record<string, FormValue>;

/** One input of an admin form. Select values are strings; '' stands for "none" (sent as null). */
export type FieldDef =
  | {
      name: string;
      label: string;
      kind: 'text' | 'email' | 'password' | 'number' | 'color' | 'textarea';
      required?: boolean;
      hint?: string;
      isCreateOnly?: boolean;
    }
  | { name: string; label: string; kind: 'checkbox'; hint?: string; isCreateOnly?: boolean }
  | {
      name: string;
      label: string;
      kind: 'select';
      options: Option[];
      required?: boolean;
      noneLabel?: string;
      hint?: string;
      isCreateOnly?: boolean;
    }
  | {
      name: string;
      label: string;
      kind: 'checkboxes';
      options: Option[];
      hint?: string;
      isCreateOnly?: boolean;
    }
  | {
      name: string;
      label: string;
      kind: 'custom';
      render: (
        value: FormValue | undefined,
        onChange: (value: FormValue) => void,
        error: string | undefined,
      ) => ReactNode;
      isCreateOnly?: boolean;
    };

export interface Column<Item> {
  label: string;
  render: (item: Item) => ReactNode;
}

export interface ResourceConfig<Item> {
  /** Singular, lower case: "department". */
  noun: string;
  /** The screen's title: "Departments". */
  title: string;
  queryKey: QueryKey;
  /** Other cached lists to refresh after a change (the catalog the rest of the console reads). */
  alsoInvalidate?: QueryKey[];
  list: () => Promise<Item[]>;
  keyOf: (item: Item) => string | number;
  titleOf: (item: Item) => string;
  columns: Column<Item>[];
  fields: FieldDef[];
  toForm: (item: Item | null) => FormState;
  create?: (form: FormState) => Promise<unknown>;
  update?: (item: Item, form: FormState) => Promise<unknown>;
  remove?: { label: string; run: (item: Item) => Promise<unknown>; explain?: string };
  /** Extra buttons on each row. */
  rowActions?: (item: Item) => ReactNode;
}

/** Text of a form value. */
export const text = (form: FormState, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};
/** A select's value as an id, or null for "none". */
export const idOrNull = (form: FormState, name: string): number | null =>
  text(form, name) ? Number(text(form, name)) : null;
/** A select's or number input's value as a number. */
export const num = (form: FormState, name: string): number => Number(text(form, name));
/** A checkbox's value. */
export const bool = (form: FormState, name: string): boolean => form[name] === true;
/** A checkbox group's values as numbers. */
export const ids = (form: FormState, name: string): number[] => {
  const value = form[name];
  return Array.isArray(value) ? value.map(Number) : [];
};
/** An id as a select value. */
export const str = (value: number | string | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);
