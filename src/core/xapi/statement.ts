/**
 * The parts of an xAPI 1.0.3 statement that frontline writes
 * (https://github.com/adlnet/xAPI-Spec/blob/master/xAPI-Data.md#statements).
 */

export type LanguageMap = Record<string, string>;

export interface Account {
  homePage: string;
  name: string;
}

export interface Agent {
  objectType: 'Agent';
  name?: string;
  account: Account;
}

export interface Verb {
  id: string;
  display: LanguageMap;
}

export interface InteractionComponent {
  id: string;
  description: LanguageMap;
}

export type InteractionType = 'choice' | 'true-false' | 'sequencing' | 'likert' | 'matching' | 'long-fill-in' | 'other';

export interface ActivityDefinition {
  type?: string;
  name?: LanguageMap;
  description?: LanguageMap;
  interactionType?: InteractionType;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  /** `matching`: what is matched (here, the options rated)… */
  source?: InteractionComponent[];
  /** …and what each is matched to (here, the points of the rating scale). */
  target?: InteractionComponent[];
  extensions?: Record<string, unknown>;
}

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: ActivityDefinition;
}

export interface Score {
  scaled: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface StatementResult {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface StatementContext {
  registration: string;
  contextActivities?: {
    parent?: Activity[];
    grouping?: Activity[];
    category?: Activity[];
  };
  language?: string;
  extensions?: Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: Verb;
  object: Activity;
  result?: StatementResult;
  context: StatementContext;
  /** When it happened (the attempt's end, or the answer's time), not when it was sent. */
  timestamp: string;
}

export const ADL_VERBS = {
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  scored: 'http://adlnet.gov/expapi/verbs/scored',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
} as const;

export type VerbName = keyof typeof ADL_VERBS;

export const ACTIVITY_TYPES = {
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  objective: 'http://adlnet.gov/expapi/activities/objective',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
} as const;

/** cmi5 (https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md) IRIs we use. */
export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;
