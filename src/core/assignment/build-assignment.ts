import { ASSIGNMENT_FORMAT, type Assignment } from './assignment.js';

export interface AssignmentInput {
  id: string;
  issuer: string;
  bank: { id: string; version: string; hash: string };
  candidate: { employeeId: string; name?: string };
  seed: string;
  opens: string;
  closes: string;
  extraTime: number;
  /** Attempts this person may make (an accommodation when above the bank's). */
  attempts?: number;
  number: number;
  issuedAt: string;
}

/** The unsigned assignment document. Pure. */
export function buildAssignment(input: AssignmentInput): Assignment {
  return {
    format: ASSIGNMENT_FORMAT,
    id: input.id,
    issuer: input.issuer,
    bank: input.bank,
    candidate: { employeeId: input.candidate.employeeId, ...(input.candidate.name ? { name: input.candidate.name } : {}) },
    seed: input.seed,
    window: { opens: input.opens, closes: input.closes },
    accommodations: { extraTime: input.extraTime, ...(input.attempts !== undefined ? { attempts: input.attempts } : {}) },
    attempt: { number: input.number, ...(input.attempts !== undefined ? { of: input.attempts } : {}) },
    issuedAt: input.issuedAt,
  };
}
