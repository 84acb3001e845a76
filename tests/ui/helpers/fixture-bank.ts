import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBank } from '../../../src/core/bank/parse-bank.js';
import type { Bank, Item } from '../../../src/core/bank/types.js';

export const uiTourPath = fileURLToPath(new URL('../../fixtures/banks/ui-tour.yaml', import.meta.url));

/** The UI tour bank, parsed by the real loader (so the fixture stays a valid bank). */
export function loadUiTour(): { bank: Bank; hash: string } {
  const result = parseBank(readFileSync(uiTourPath, 'utf8'), uiTourPath);
  if (!result.ok) throw new Error(`fixture bank is invalid: ${JSON.stringify(result.errors)}`);
  return { bank: result.bank, hash: result.hash };
}

export function itemOf(bank: Bank, id: string): Item {
  const item = bank.items.find((i) => i.id === id);
  if (!item) throw new Error(`no item ${id} in fixture`);
  return item;
}
