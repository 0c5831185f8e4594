/**
 * What a new draft starts from: a blank skeleton (valid but for the texts the trainer must write)
 * or one of the written templates (each passes every check, reference replies included).
 */
import fs from 'node:fs';
import path from 'node:path';

export const TEMPLATE_DIR = 'scenarios/templates';
export const templateNames = ['delivery-delay', 'billing-error'] as const;
export type TemplateName = (typeof templateNames)[number];
export const BLANK = 'blank';

export function templateSource(name: TemplateName | typeof BLANK, dir = TEMPLATE_DIR): string {
	return fs.readFileSync(path.join(dir, `${name}.yaml`), 'utf8');
}

/** The source with its top-level `key:` line set to `key` (the first one; comments stay). */
export function withKey(source: string, key: string): string {
	return source.replace(/^key:.*$/m, `key: ${key}`);
}

/** `base`, or `base-2`, `base-3`… : the first not in `taken`. */
export function freeKey(base: string, taken: Set<string>): string {
	if (!taken.has(base)) return base;
	for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
