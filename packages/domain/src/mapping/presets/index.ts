/** The built-in presets. A new format is one module beside these and one line here. */
import { freshdesk } from './freshdesk.ts';
import { generic } from './generic.ts';
import type { Preset } from './preset.ts';
import { salesforce } from './salesforce.ts';
import { telephony } from './telephony.ts';
import { zendesk } from './zendesk.ts';

export type { Preset } from './preset.ts';

export const builtinPresets: readonly Preset[] = [zendesk, freshdesk, salesforce, telephony, generic];
