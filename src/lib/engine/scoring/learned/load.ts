import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as v from 'valibot';
import { SourceFile, type Problem } from '../../source';
import { compileModel, modelSchema, type CompiledModel } from './model';

/** The hash a model records of the rubric it was trained for: the rubric file's text. */
export const rubricHash = (text: string) =>
	encodeHexLowerCase(sha256(new TextEncoder().encode(text)));

/** What a JSON syntax error means, in words. */
const JSON_ERRORS: Record<string, string> = {
	InvalidSymbol: 'unexpected text',
	InvalidNumberFormat: 'a malformed number',
	PropertyNameExpected: 'a property name is expected here',
	ValueExpected: 'a value is expected here',
	ColonExpected: 'a colon is expected here',
	CommaExpected: 'a comma is expected here',
	CloseBraceExpected: 'a closing brace is expected here',
	CloseBracketExpected: 'a closing bracket is expected here',
	EndOfFileExpected: 'nothing should follow the end of the file',
	InvalidCommentToken: 'comments are not allowed',
	UnexpectedEndOfComment: 'an unfinished comment',
	UnexpectedEndOfString: 'an unfinished string',
	UnexpectedEndOfNumber: 'an unfinished number',
	InvalidUnicode: 'a malformed unicode escape',
	InvalidEscapeCharacter: 'a malformed escape',
	InvalidCharacter: 'a character not allowed here'
};

/** Where in a text a character offset falls, as line and column (1-based). */
function position(text: string, offset: number) {
	const before = text.slice(0, Math.max(0, offset));
	const line = before.split('\n').length;
	return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Reads a model file for a rubric. Any problem (unreadable JSON, a wrong shape, a model trained for
 * another version of the rubric) is located, and no model is returned: the rubric then scores with
 * its rules alone.
 */
export function loadModel(
	file: string,
	text: string,
	rubricText: string,
	rubricKey: string,
	explainLabels: readonly string[]
): { model: CompiledModel } | { problems: Problem[] } {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		// JSON.parse does not always say where; a parser that does is asked only now.
		const errors: ParseError[] = [];
		parse(text, errors, { disallowComments: true, allowTrailingComma: false });
		const first = errors[0];
		const { line, col } = position(text, first?.offset ?? 0);
		const what = first
			? (JSON_ERRORS[printParseErrorCode(first.error)] ?? 'a syntax error')
			: 'a syntax error';
		return { problems: [{ file, line, col, path: '', message: `not valid JSON: ${what}` }] };
	}
	const result = v.safeParse(modelSchema, data);
	if (!result.success) {
		// Only now is the text parsed again with positions, to say where the problem is.
		const located = new SourceFile(file, text).validate(modelSchema);
		return {
			problems: located.ok
				? [{ file, line: 1, col: 1, path: '', message: 'not a model file' }]
				: located.problems
		};
	}
	const model = result.output;
	const source = () => new SourceFile(file, text);
	if (model.rubric.key !== rubricKey)
		return {
			problems: [
				source().problemAt(
					['rubric', 'key'],
					`a model of rubric "${model.rubric.key}", not "${rubricKey}"`
				)
			]
		};
	if (model.rubric.hash !== rubricHash(rubricText))
		return {
			problems: [
				source().problemAt(
					['rubric', 'hash'],
					'the model was trained for another version of the rubric: retrain it (npm run train:scoring)'
				)
			]
		};
	const expected = model.vocab.length * model.labels.length * 2;
	let decoded = -1;
	try {
		decoded = atob(model.weights.data).length;
	} catch {
		// not base64: reported just below
	}
	if (decoded !== expected)
		return {
			problems: [
				source().problemAt(
					['weights', 'data'],
					`the weights do not fit the vocabulary (${decoded < 0 ? 'not base64' : `${decoded} bytes, expected ${expected}`})`
				)
			]
		};
	try {
		return { model: compileModel(model, explainLabels) };
	} catch (e) {
		return { problems: [source().problemAt(['vocab'], (e as Error).message)] };
	}
}
