import type { CodeLists } from '../api/views';
import { type CaseField, fieldProblem, type Problems } from './case-fields';

/** The fields of one perpetrator, with the rules of PerpetratorDto. */
export const PERPETRATOR_FIELDS: readonly CaseField[] = [
  {
    path: 'relationship',
    step: 'perpetrators',
    kind: 'code',
    list: 'relationship',
    required: true,
    label: 'intakePerpetratorRelationship',
  },
  { path: 'sex', step: 'perpetrators', kind: 'code', list: 'sex', label: 'intakePerpetratorSex' },
  { path: 'ageGroup', step: 'perpetrators', kind: 'code', list: 'perpetratorAgeGroup', label: 'intakePerpetratorAge' },
  { path: 'name', step: 'perpetrators', kind: 'text', max: 200, label: 'intakePerpetratorName' },
  { path: 'phone', step: 'perpetrators', kind: 'phone', max: 40, label: 'intakePerpetratorPhone' },
];

/** The API allows twenty perpetrators on a case (MAX_PERPETRATORS). */
export const MAX_PERPETRATORS = 20;

export type Perpetrator = Record<string, string>;

export const blankPerpetrator = (): Perpetrator =>
  Object.fromEntries(PERPETRATOR_FIELDS.map((field) => [field.path, '']));

/** A perpetrator's field as a path of its own, so that its control and error have ids apart from the others'. */
export const perpetratorPath = (index: number, field: string) => `perpetrators.${index}.${field}`;

export function perpetratorProblems(perpetrators: Perpetrator[], codes: CodeLists): Problems {
  const problems: Problems = {};
  perpetrators.forEach((perpetrator, index) => {
    for (const field of PERPETRATOR_FIELDS) {
      const problem = fieldProblem(field, perpetrator[field.path] ?? '', codes);
      if (problem) problems[perpetratorPath(index, field.path)] = problem;
    }
  });
  return problems;
}

/** PerpetratorDto's body: empty optional values left out. */
export const perpetratorBody = (perpetrator: Perpetrator) =>
  Object.fromEntries(Object.entries(perpetrator).filter(([, value]) => value !== '')) as {
    relationship: string;
  };
