/**
 * The question bank as a trainer writes it in YAML. The parsed YAML *is* this
 * shape (no renaming), so the bank hash covers exactly what the trainer wrote.
 * Optional fields are defaulted at the point of use (see `defaults.ts`), never
 * written back, so that adding a default later does not change old hashes.
 *
 * Percentages (passMark, floor) are whole-number percents 0–100 because that
 * is how trainers and HR talk about pass marks.
 */

export type CompetencyId = string;
export type ItemId = string;
export type OptionId = string;

export interface TrainingModule {
  id: string;
  title: string;
  url?: string;
  durationMinutes?: number;
}

export interface Competency {
  id: CompetencyId;
  title: string;
  description?: string;
  /** Share of the overall score. @default 1 */
  weight?: number;
  /** Minimum percent in this competency to pass, whatever the overall score. @default 0 */
  floor?: number;
  /** Training that closes a gap in this competency, shown when it is missed. */
  modules?: TrainingModule[];
}

/** What happens when the whole-test clock runs out. */
export type ExpiryAction = 'submit' | 'grace';

/**
 * How much the candidate sees after submitting.
 * - `none`: pass or fail only (certification mode)
 * - `competency`: score per competency and the gaps, no answers (certification mode)
 * - `full`: also each item's correct answer, the candidate's choice and the explanation (practice mode)
 */
export type FeedbackPolicy = 'none' | 'competency' | 'full';

/**
 * How an attempt was delivered, strongest first (docs/certificates.md, "Delivery modes"):
 * - `hosted`: on an exam host that keeps the key, clock, seed and attempt count
 * - `sealed`: on the candidate's machine, the key encrypted to the issuer, seed and limits from a signed assignment
 * - `open`: the bank in clear on the candidate's machine: practice
 */
export type DeliveryMode = 'hosted' | 'sealed' | 'open';

export const DELIVERY_MODES: readonly DeliveryMode[] = ['hosted', 'sealed', 'open'];

export interface Policy {
  timeLimitMinutes: number;
  /** Default per-item handle-time limit; when it runs out the item locks as it stands. */
  itemTimeLimitSeconds?: number;
  /** @default 'submit' */
  onExpiry?: ExpiryAction;
  /** Extra time after the deadline when `onExpiry` is `grace`; answers given in it are marked late. */
  graceSeconds?: number;
  /** Overall percent to pass (0–100). */
  passMark: number;
  /** Items drawn per competency; a competency not named here contributes all its items. */
  draws?: Record<CompetencyId, number>;
  shuffle?: {
    /** @default true */
    items?: boolean;
    /** @default true; options with `pinned: true` keep their position */
    options?: boolean;
  };
  navigation?: {
    /** May the candidate go back to earlier items. @default true */
    back?: boolean;
    /** @default true */
    flag?: boolean;
    /** Show a review screen before submitting. @default true */
    review?: boolean;
  };
  /** @default 'competency' */
  feedback?: FeedbackPolicy;
  attempts?: {
    /** @default unlimited */
    max?: number;
    /** Hours to wait after a failed attempt. @default 0 */
    cooldownHours?: number;
  };
  /**
   * Delivery modes whose attempts may earn a certificate.
   * @default ['hosted', 'sealed', 'open']: banks written before the field keep issuing as they did
   */
  delivery?: DeliveryMode[];
  certificate?: {
    /** How long a certificate earned on this bank stays valid. */
    validityMonths: number;
  };
}

export type Speaker = 'customer' | 'agent' | 'system';

export interface TranscriptLine {
  speaker: Speaker;
  /** Display name, e.g. "Priya (customer)". */
  name?: string;
  text: string;
  /** Time stamp as shown in the source system, e.g. "14:02". */
  at?: string;
}

/** A customer contact shared by several items (a case study). */
export interface CaseStudy {
  id: string;
  title: string;
  channel: 'chat' | 'email' | 'phone' | 'ticket' | 'social';
  /** Ticket fields shown above the text, e.g. { Priority: High, Plan: Business }. */
  meta?: Record<string, string>;
  /** Free text (an email, a ticket body). At least one of text and transcript. */
  text?: string;
  transcript?: TranscriptLine[];
}

export interface Option {
  id: OptionId;
  text: string;
  /** Shown with full feedback when this option was chosen. */
  feedback?: string;
  /** Keeps its place when options are shuffled (e.g. "None of these"). */
  pinned?: boolean;
  /** Choosing this fails the whole attempt; the text says why (shown to the candidate with feedback). */
  redFlag?: string;
}

interface ItemBase {
  id: ItemId;
  /** The competency this item counts toward and is drawn for. */
  competency: CompetencyId;
  /** Id of a case study shown above the question. */
  case?: string;
  stem: string;
  explanation?: string;
  /** Weight of this item within its competency. @default 1 */
  points?: number;
  /** Overrides policy.itemTimeLimitSeconds. */
  timeLimitSeconds?: number;
  tags?: string[];
  /** Lint warnings accepted on purpose: code -> the reason, for reviewers. */
  lintAccept?: Record<string, string>;
}

export interface SingleChoiceItem extends ItemBase {
  type: 'single';
  options: Option[];
  answer: OptionId;
}

export interface MultipleResponseItem extends ItemBase {
  type: 'multiple';
  options: Option[];
  answer: OptionId[];
  scoring?: {
    /**
     * `partial`: hits/k − false picks/(n−k), so picking everything earns 0.
     * `all-or-nothing`: 1 only for exactly the right set.
     * @default 'partial'
     */
    mode?: 'partial' | 'all-or-nothing';
    /** Let the item score go below zero (down to −1) and count against the competency. @default false */
    negative?: boolean;
  };
}

export interface TrueFalseItem extends ItemBase {
  type: 'true-false';
  answer: boolean;
  /** Feedback shown for each choice. */
  feedback?: { true?: string; false?: string };
}

export interface OrderingItem extends ItemBase {
  type: 'ordering';
  options: Option[];
  /** Option ids in the correct order. */
  answer: OptionId[];
  scoring?: {
    /** `partial`: share of option pairs in the right relative order (Kendall). @default 'partial' */
    mode?: 'partial' | 'all-or-nothing';
  };
}

/** Situational judgement: rate how effective each response would be. */
export interface RatingItem extends ItemBase {
  type: 'rating';
  scale: {
    min: number;
    max: number;
    /** Labels for scale points, keyed by the point as a string ("1", "5"). */
    labels?: Record<string, string>;
  };
  /** Each option carries the expert rating in `key`. */
  options: Array<Option & { key: number }>;
}

export interface ScenarioChoice {
  id: OptionId;
  /** What the agent says or does. */
  text: string;
  /** Points earned toward competencies by taking this choice (may be negative). */
  points?: Record<CompetencyId, number>;
  /** Next step id; omitted means the conversation ends here. */
  next?: string;
  feedback?: string;
  redFlag?: string;
}

export interface ScenarioStep {
  id: string;
  /** What the customer says (or what happens) at this step. */
  customer: string;
  /** Agent choices; a step without choices ends the scenario. */
  choices?: ScenarioChoice[];
  /** For an end step: how the contact ended, e.g. "Resolved on first contact". */
  outcome?: string;
}

/** A branching conversation; the path taken scores points per competency. */
export interface ScenarioItem extends ItemBase {
  type: 'scenario';
  /** Id of the first step. */
  start: string;
  steps: ScenarioStep[];
}

/** One level of a rubric criterion: what a reply at this level does and what it earns. */
export interface RubricLevel {
  /** Points earned at this level (0 or more); levels are listed from fewest points to most. */
  points: number;
  /** What a reply at this level does, in words a marker can apply. */
  descriptor: string;
}

/** One thing markers judge a written reply on; its points count toward one competency. */
export interface RubricCriterion {
  id: string;
  /** What is judged, e.g. "Acknowledges the customer's situation in their own terms". */
  criterion: string;
  competency: CompetencyId;
  levels: RubricLevel[];
}

/** The shape a written reply takes: one chat message, or an email with a greeting and a sign-off. */
export type WrittenChannel = 'chat' | 'email';

/** A reply the candidate writes (a chat message, an email), marked by trainers against a rubric: never scored automatically. */
export interface WrittenItem extends ItemBase {
  type: 'written';
  channel: WrittenChannel;
  /** Word limits for the reply. */
  words?: { min?: number; max?: number };
  /** A reply that reaches the top level of every criterion, for markers; never shown to candidates. */
  modelAnswer?: string;
  rubric: RubricCriterion[];
}

export type Item =
  | SingleChoiceItem
  | MultipleResponseItem
  | TrueFalseItem
  | OrderingItem
  | RatingItem
  | ScenarioItem
  | WrittenItem;

export type ItemType = Item['type'];

export interface Bank {
  /** Path of the JSON Schema, for editors (yaml-language-server also reads the modeline). */
  $schema?: string;
  id: string;
  /** Semantic version of the bank's content, e.g. "1.2.0". */
  version: string;
  title: string;
  description?: string;
  /** BCP 47 language tag. @default 'en' */
  locale?: string;
  /** Course code used by LMS/HR systems, e.g. "CS-FUND-101". */
  courseCode?: string;
  /** Bank-wide lint warnings accepted on purpose: code -> the reason. */
  lintAccept?: Record<string, string>;
  competencies: Competency[];
  policy: Policy;
  cases?: CaseStudy[];
  items: Item[];
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
