import type { Assignment } from '../assignment/assignment.js';
import type { TimeExtension } from '../assignment/extension.js';
import type { CompetencyId, DeliveryMode, ItemId, OptionId } from '../bank/types.js';

/** One question as placed on a candidate's form. */
export interface FormEntry {
  itemId: ItemId;
  /** Option ids in the order shown (single, multiple, ordering's starting order, rating). */
  optionOrder?: OptionId[];
}

/** The questions one candidate gets, in order. Pure function of (bank, seed). */
export type Form = FormEntry[];

export interface ScenarioMove {
  step: string;
  choice: OptionId;
  /** ISO 8601 time the choice was made. */
  at: string;
}

export type Response =
  | { type: 'single'; choice: OptionId }
  | { type: 'multiple'; choices: OptionId[] }
  | { type: 'true-false'; value: boolean }
  | { type: 'ordering'; order: OptionId[] }
  | { type: 'rating'; ratings: Record<OptionId, number> }
  | { type: 'scenario'; path: ScenarioMove[] }
  /** A written reply, as typed (at most MAX_WRITTEN_CHARS); scored only from trainers' marks. */
  | { type: 'written'; text: string };

export interface AnswerRecord {
  itemId: ItemId;
  /** null when never answered. */
  response: Response | null;
  /** ISO time of the last change to the response. */
  answeredAt?: string;
  /** Time the item was on screen, summed over visits. */
  timeSpentMs: number;
  flagged: boolean;
  /** The item's own handle-time limit ran out and it locked. */
  timedOut?: boolean;
  /** Answered during the grace period after the deadline. */
  late?: boolean;
}

export type EndReason = 'submitted' | 'time-expired';

export interface Candidate {
  name: string;
  employeeId: string;
  email?: string;
}

export interface AttemptRecord {
  /** Record format marker, bumped on breaking change. */
  format: 'frontline.attempt/1';
  id: string;
  candidate: Candidate;
  /** Cohort/site/team labels from `take --tag key=value` or config. */
  tags?: Record<string, string>;
  /** `hash` is the full bank's; `sealedHash` the sealed copy's the attempt was delivered from. */
  bank: { id: string; version: string; title: string; hash: string; sealedHash?: string };
  /** How the attempt was delivered. @default 'open' (records written before the field) */
  delivery?: DeliveryMode;
  /** The staff-signed assignment it was taken under, as signed. */
  assignment?: Assignment;
  seed: string;
  /** Accommodation multiplier applied to time limits. 1 = none. */
  extraTime: number;
  form: Form;
  startedAt: string;
  /** The deadline in force at the end: the bank's limit × extraTime after the start, plus every extension's minutes. */
  deadline: string;
  /** Time the exam host granted while it ran (`host extend`), as signed by the host's key. */
  extensions?: TimeExtension[];
  endedAt: string;
  ended: EndReason;
  answers: AnswerRecord[];
  /**
   * As computed on the candidate's machine: informational only; `issue` re-scores.
   * Absent from a sealed attempt: that machine never had the key to score it.
   */
  result?: Result;
  /** Made by `frontline simulate`, not taken by a person: `issue` refuses it, `report` says so. */
  simulated?: SimulatedMark;
}

export interface SimulatedMark {
  by: 'frontline simulate';
  /** The generator's seed: the same seed and bank give the same cohort. */
  seed: string;
}

export interface ItemResult {
  itemId: ItemId;
  competency: CompetencyId;
  /** Fraction of the item's points earned: 0..1, or down to −1 with negative marking. */
  score: number;
  /** Points earned and available, per competency (scenarios can touch several). */
  earned: Record<CompetencyId, number>;
  available: Record<CompetencyId, number>;
  correct: boolean;
  answered: boolean;
  /** Red-flag reasons triggered by this item's response. */
  redFlags: string[];
  /** A written reply waiting for a marker: it counts toward nothing yet. */
  pending?: true;
}

export interface CompetencyResult {
  id: CompetencyId;
  title: string;
  /** 0–100, one decimal. */
  percent: number;
  floor: number;
  weight: number;
  met: boolean;
  earned: number;
  available: number;
  items: number;
}

export interface Gap {
  competency: CompetencyId;
  title: string;
  percent: number;
  floor: number;
  modules: Array<{ id: string; title: string; url?: string; durationMinutes?: number }>;
}

export type FailReason =
  | { kind: 'below-pass-mark'; percent: number; passMark: number }
  | { kind: 'below-floor'; competency: CompetencyId; percent: number; floor: number }
  | { kind: 'red-flag'; itemId: ItemId; reason: string };

export interface Result {
  /** 0–100, one decimal: weighted mean of competency percents. */
  percent: number;
  passMark: number;
  /** False while the result awaits marking. */
  passed: boolean;
  /** Present while written replies wait for a marker: the percent counts only what is scored. */
  status?: 'awaiting-marking';
  failReasons: FailReason[];
  competencies: CompetencyResult[];
  items: ItemResult[];
  /** Competencies below their floor, weakest first, with the modules that close them. */
  gaps: Gap[];
}
