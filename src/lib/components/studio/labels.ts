import { m } from '$lib/paraglide/messages';
import type { TemplateName } from '$lib/server/studio/templates';

export const templateLabel: Record<TemplateName, () => string> = {
	'delivery-delay': m.studio_template_delivery_delay,
	'billing-error': m.studio_template_billing_error
};
