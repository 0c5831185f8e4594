export const roles = ['trainee', 'trainer', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

export const locales = ['en', 'zh-CN'] as const;
export type AppLocale = (typeof locales)[number];

/** The app's sections and who may open them; navigation and route guards both read this. */
export const sections = {
	practice: ['trainee', 'trainer'],
	scenarios: ['trainer', 'admin'],
	scorecards: ['trainee', 'supervisor', 'admin'],
	criteria: ['trainee', 'trainer', 'supervisor', 'admin'],
	reviews: ['supervisor', 'admin'],
	calibration: ['trainer', 'supervisor', 'admin'],
	assignments: ['trainer', 'supervisor', 'admin'],
	admin: ['admin']
} as const satisfies Record<string, readonly Role[]>;
export type Section = keyof typeof sections;

export function canOpen(role: Role, section: Section): boolean {
	return (sections[section] as readonly Role[]).includes(role);
}

export function sectionsFor(role: Role): Section[] {
	return (Object.keys(sections) as Section[]).filter((s) => canOpen(role, s));
}

/** Where a user lands after signing in. */
export function homeFor(role: Role): `/${Section}` {
	return `/${sectionsFor(role)[0]}`;
}

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function isLocale(value: unknown): value is AppLocale {
	return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
