import type { AttemptRecord, ItemResult, Response } from '../attempt/types.js';
import { assertNever, type Bank, type Item } from '../bank/types.js';
import { isoDuration } from './duration.js';
import {
  ACTIVITY_TYPES,
  ADL_VERBS,
  CMI5,
  type Activity,
  type ActivityDefinition,
  type Agent,
  type InteractionType,
  type Statement,
  type StatementContext,
  type VerbName,
} from './statement.js';
import { isUuid, uuidV5 } from './uuid.js';

export interface XapiOptions {
  /** The organisation's employee directory: `actor.account.homePage`, with the employee id as `name`. */
  homePage: string;
  /** IRI prefix for frontline's activities and extensions, e.g. `https://lms.example.com/frontline`. */
  activityBase: string;
  /** Also an `answered` statement per answered item. @default false */
  includeItems?: boolean;
}

/** Fixed namespace for statement ids and derived registrations; never change it, or resends stop being idempotent. */
const FRONTLINE_XAPI_NAMESPACE = '3f1d6a2e-5b7c-4e8f-9a0b-1c2d3e4f5a6b';

/** The attempt id when it is a UUID, else a v5 UUID derived from it (xAPI registrations must be UUIDs). */
export function registrationFor(attemptId: string): string {
  return isUuid(attemptId) ? attemptId.toLowerCase() : uuidV5(`registration\n${attemptId}`, FRONTLINE_XAPI_NAMESPACE);
}

/** Statement id: the same attempt, kind and subject always give the same id. */
export function statementId(attemptId: string, kind: VerbName | 'outcome', subject = ''): string {
  return uuidV5(`statement\n${attemptId}\n${kind}\n${subject}`, FRONTLINE_XAPI_NAMESPACE);
}

/**
 * The xAPI statements for one finished attempt: `passed` or `failed` on the
 * assessment, `scored` per competency, and optionally `answered` per item.
 * While written replies await marking, the score is not known: only the
 * `answered` statements are made (unscored for the replies); the outcome and
 * `scored` statements follow from the marked result.
 * Everything comes from the record (and the bank, for item wording), never from
 * the clock, so the statements are byte-identical however often they are built:
 * an LRS treats a resend with the same id and content as a no-op.
 */
export function attemptToStatements(record: AttemptRecord, bank: Bank | undefined, options: XapiOptions): Statement[] {
  const base = options.activityBase.replace(/\/+$/, '');
  const lang = bank?.locale ?? 'en';
  const extensionIri = (name: string): string => `${base}/extensions/${name}`;
  const assessment = assessmentActivity(record, bank, base, lang);
  const actor: Agent = {
    objectType: 'Agent',
    ...(record.candidate.name.trim() ? { name: record.candidate.name } : {}),
    account: { homePage: options.homePage, name: record.candidate.employeeId },
  };
  const registration = registrationFor(record.id);
  const sharedExtensions: Record<string, unknown> = {
    [extensionIri('attempt-id')]: record.id,
    [extensionIri('bank-hash')]: record.bank.hash,
    [extensionIri('bank-version')]: record.bank.version,
    ...(record.tags && Object.keys(record.tags).length > 0 ? { [extensionIri('tags')]: record.tags } : {}),
  };
  const childContext = (): StatementContext => ({
    registration,
    contextActivities: { parent: [{ objectType: 'Activity', id: assessment.id }] },
    language: lang,
    extensions: sharedExtensions,
  });

  const result = record.result;
  // A sealed attempt has no score on the machine that took it; its statements come from no one.
  if (result === undefined) return [];
  const verb: VerbName = result.passed ? 'passed' : 'failed';
  const marked = result.status !== 'awaiting-marking';
  const statements: Statement[] = [];
  if (marked) {
    statements.push({
      id: statementId(record.id, 'outcome'),
      actor,
      verb: verbOf(verb),
      object: assessment,
      result: {
        score: percentScore(result.percent),
        success: result.passed,
        duration: isoDuration(Date.parse(record.endedAt) - Date.parse(record.startedAt)),
        ...(result.failReasons.length > 0 ? { extensions: { [extensionIri('fail-reasons')]: result.failReasons } } : {}),
      },
      context: {
        registration,
        // passed/failed are cmi5 "defined" statements: cmi5 + moveOn categories, session id, mastery score.
        contextActivities: { category: [{ objectType: 'Activity', id: CMI5.category }, { objectType: 'Activity', id: CMI5.moveOn }] },
        language: lang,
        extensions: {
          ...sharedExtensions,
          [CMI5.sessionId]: record.id,
          [CMI5.masteryScore]: result.passMark / 100,
        },
      },
      timestamp: record.endedAt,
    });
  }

  for (const competency of marked ? result.competencies : []) {
    statements.push({
      id: statementId(record.id, 'scored', competency.id),
      actor,
      verb: verbOf('scored'),
      object: {
        objectType: 'Activity',
        id: `${assessment.id}/competencies/${encodeURIComponent(competency.id)}`,
        definition: { type: ACTIVITY_TYPES.objective, name: { [lang]: competency.title } },
      },
      result: { score: percentScore(competency.percent), success: competency.met },
      context: childContext(),
      timestamp: record.endedAt,
    });
  }

  if (options.includeItems) {
    const items = new Map(bank?.items.map((item) => [item.id, item]));
    const itemResults = new Map(result.items.map((r) => [r.itemId, r]));
    for (const answer of record.answers) {
      if (answer.response === null) continue;
      const item = items.get(answer.itemId);
      const itemResult = itemResults.get(answer.itemId);
      statements.push({
        id: statementId(record.id, 'answered', answer.itemId),
        actor,
        verb: verbOf('answered'),
        object: {
          objectType: 'Activity',
          id: `${assessment.id}/items/${encodeURIComponent(answer.itemId)}`,
          definition: interactionDefinition(answer.response, item, lang),
        },
        result: {
          response: responseString(answer.response),
          duration: isoDuration(answer.timeSpentMs),
          ...(itemResult && !itemResult.pending ? itemScore(itemResult) : {}),
        },
        context: childContext(),
        timestamp: answer.answeredAt ?? record.endedAt,
      });
    }
  }
  return statements;
}

/**
 * The statements an attempt gains once its written replies are marked: the
 * `passed`/`failed` outcome and a `scored` per competency, from the result
 * scored with the marks. Statements it already had while awaiting marking
 * (the `answered` ones, made at the end of take) are left out: they were
 * queued then, under the same ids.
 */
export function markedStatements(record: AttemptRecord, marked: NonNullable<AttemptRecord['result']>, bank: Bank | undefined, options: XapiOptions): Statement[] {
  if (record.result === undefined || marked.status === 'awaiting-marking') return [];
  const before = new Set(attemptToStatements(record, bank, options).map((s) => s.id));
  return attemptToStatements({ ...record, result: marked }, bank, options).filter((s) => !before.has(s.id));
}

function assessmentActivity(record: AttemptRecord, bank: Bank | undefined, base: string, lang: string): Activity {
  const definition: ActivityDefinition = { type: ACTIVITY_TYPES.assessment, name: { [lang]: record.bank.title } };
  if (bank?.description) definition.description = { [lang]: bank.description };
  return { objectType: 'Activity', id: `${base}/banks/${encodeURIComponent(record.bank.id)}`, definition };
}

function verbOf(name: VerbName): { id: string; display: Record<string, string> } {
  return { id: ADL_VERBS[name], display: { 'en-US': name } };
}

function percentScore(percent: number): { scaled: number; raw: number; min: number; max: number } {
  return { scaled: clampScaled(percent / 100), raw: percent, min: 0, max: 100 };
}

function clampScaled(value: number): number {
  return Math.round(Math.min(1, Math.max(-1, value)) * 10_000) / 10_000;
}

function itemScore(result: ItemResult): { score: { scaled: number }; success: boolean } {
  return { score: { scaled: clampScaled(result.score) }, success: result.correct };
}

/** xAPI interaction response strings: `[,]` separates choices. */
export function responseString(response: Response): string {
  switch (response.type) {
    case 'single':
      return response.choice;
    case 'multiple':
      return response.choices.join('[,]');
    case 'true-false':
      return String(response.value);
    case 'ordering':
      return response.order.join('[,]');
    case 'rating':
      return Object.entries(response.ratings).map(([option, rating]) => `${option}[.]${rating}`).join('[,]');
    case 'scenario':
      return response.path.map((move) => `${move.step}[.]${move.choice}`).join('[,]');
    case 'written':
      return response.text;
    default:
      return assertNever(response, 'response');
  }
}

function interactionType(type: Response['type']): InteractionType {
  switch (type) {
    case 'single':
    case 'multiple':
      return 'choice';
    case 'true-false':
      return 'true-false';
    case 'ordering':
      return 'sequencing';
    // A rating item rates several options at once: each option (source) matched to a scale point
    // (target), which is xAPI's matching; likert takes one value for the whole interaction.
    case 'rating':
      return 'matching';
    case 'scenario':
      return 'other';
    case 'written':
      return 'long-fill-in';
    default:
      return assertNever(type, 'response type');
  }
}

function interactionDefinition(response: Response, item: Item | undefined, lang: string): ActivityDefinition {
  const definition: ActivityDefinition = { type: ACTIVITY_TYPES.interaction, interactionType: interactionType(response.type) };
  if (!item) return definition;
  definition.description = { [lang]: item.stem };
  switch (item.type) {
    case 'single':
      definition.choices = item.options.map((o) => ({ id: o.id, description: { [lang]: o.text } }));
      definition.correctResponsesPattern = [item.answer];
      break;
    case 'multiple':
      definition.choices = item.options.map((o) => ({ id: o.id, description: { [lang]: o.text } }));
      definition.correctResponsesPattern = [item.answer.join('[,]')];
      break;
    case 'ordering':
      definition.choices = item.options.map((o) => ({ id: o.id, description: { [lang]: o.text } }));
      definition.correctResponsesPattern = [item.answer.join('[,]')];
      break;
    case 'true-false':
      definition.correctResponsesPattern = [String(item.answer)];
      break;
    case 'rating': {
      definition.source = item.options.map((o) => ({ id: o.id, description: { [lang]: o.text } }));
      const points = Array.from({ length: item.scale.max - item.scale.min + 1 }, (_, i) => String(item.scale.min + i));
      definition.target = points.map((p) => ({ id: p, description: { [lang]: item.scale.labels?.[p] ?? p } }));
      definition.correctResponsesPattern = [item.options.map((o) => `${o.id}[.]${o.key}`).join('[,]')];
      break;
    }
    // A written reply has no one right text, so no correctResponsesPattern: markers judge it.
    case 'scenario':
    case 'written':
      break;
    default:
      return assertNever(item, 'item');
  }
  return definition;
}
