import * as v from 'valibot';
import { locales, roles } from '../roles';
import { m } from '../paraglide/messages';
import { PASSWORD_MAX, PASSWORD_MIN } from './password';

export const FIELD_MAX = 200;

const required = () => m.error_required();
const tooLong = (max: number) => () => m.error_too_long({ max });

const requiredText = (max = FIELD_MAX) =>
	v.pipe(v.string(required), v.trim(), v.nonEmpty(required), v.maxLength(max, tooLong(max)));

const secret = v.pipe(
	v.string(required),
	v.nonEmpty(required),
	v.maxLength(FIELD_MAX, tooLong(FIELD_MAX))
);

const newPassword = v.pipe(
	v.string(required),
	v.minLength(PASSWORD_MIN, () => m.error_password_short({ min: PASSWORD_MIN })),
	v.maxLength(PASSWORD_MAX, tooLong(PASSWORD_MAX)),
	// Spaces are allowed inside a passphrase, but they do not count towards its length.
	v.check(
		(p) => p.replace(/\s/g, '').length >= PASSWORD_MIN,
		() => m.error_password_blank({ min: PASSWORD_MIN })
	)
);

const id = v.pipe(v.string(required), v.regex(/^\d{1,12}$/, required), v.transform(Number));
const optionalId = v.pipe(
	v.optional(v.string(), ''),
	v.regex(/^\d{0,12}$/, required),
	v.transform((s) => (s === '' ? null : Number(s)))
);

export const loginSchema = v.object({ username: requiredText(), password: secret });

export const localeSchema = v.object({
	locale: v.picklist(locales, () => m.error_choose_option())
});

export const newUserSchema = v.object({
	username: v.pipe(
		requiredText(32),
		v.regex(/^[a-zA-Z0-9._-]{3,32}$/, () => m.error_username_format())
	),
	displayName: requiredText(80),
	password: newPassword,
	role: v.picklist(roles, () => m.error_choose_role()),
	teamId: optionalId
});

export const assignSchema = v.object({
	userId: id,
	role: v.picklist(roles, () => m.error_choose_role()),
	teamId: optionalId
});

export const resetPasswordSchema = v.object({ userId: id, password: newPassword });

export const disableSchema = v.object({
	userId: id,
	disabled: v.picklist(['true', 'false'], required)
});

export const newTeamSchema = v.object({ name: requiredText(80), supervisorId: optionalId });

export const changePasswordSchema = v.pipe(
	v.object({ current: secret, password: newPassword, confirm: v.string(required) }),
	v.forward(
		v.check(
			(input) => input.password === input.confirm,
			() => m.error_password_mismatch()
		),
		['confirm']
	)
);
