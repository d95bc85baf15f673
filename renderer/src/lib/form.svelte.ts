// What every form shares: its values autosaved as a draft while the person types (restored after
// a crash or restart), the engine's field errors, and the submit cycle ending in a reference.
import { tick } from 'svelte';
import type { DraftData, DraftKey, Submitted } from '$contract/dto';
import type { ApiResult } from '$contract/result';
import { api } from './api';
import { failureText } from './errors';
import { session } from './session.svelte';
import { visit } from './visit';
import { errorText, t } from './i18n/i18n.svelte';

/** Whose drafts: this window's visit, or the login of the person logged in. */
const owner = () => ({ visit: visit.id, session: session.token || undefined });

const AUTOSAVE_DELAY_MS = 300;

export const fieldId = (key: string): string => `f-${key.replaceAll('.', '-')}`;

export class FormState<V extends DraftData> {
  values: V;
  errors = $state<Record<string, string>>({});
  summary = $state<string | null>(null);
  sending = $state(false);
  restored = $state(false);
  savedAt = $state<string | null>(null);
  submitted = $state<Submitted | null>(null);
  // Reactive, so that what was typed before the draft's load answered is saved once it has:
  // a plain field left such a first entry unsaved until the next keystroke.
  #loaded = $state(false);
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** What the store holds for this form (or would give back): nothing to save while the values
   * are these, so an untouched form never says "Draft saved". */
  #stored = '';

  /** `given` (a COFOR from the analysis, say) wins over both the blank form and the draft. */
  constructor(
    readonly form: DraftKey,
    initial: V,
    given: Partial<V> = {},
  ) {
    this.values = $state({ ...initial, ...given });
    void api.loadDraft({ form, ...owner() }).then((result) => {
      // The values as they are without anyone's typing: the blank form, what the link gave, and
      // the draft restored. What was typed while the draft loaded differs from it, so is saved.
      const unchanged: DraftData = { ...initial, ...given };
      if (result.ok && result.value) {
        for (const [key, value] of Object.entries(result.value)) {
          // Only fields this form still has, with the same kind of value, and that nobody typed
          // into while the draft was loading (what was just typed wins over what was saved).
          const untouched = (this.values as DraftData)[key] === (initial as DraftData)[key];
          if (key in initial && !(key in given) && typeof value === typeof initial[key] && untouched) {
            (this.values as DraftData)[key] = value;
            unchanged[key] = value;
            this.restored = true;
          }
        }
      }
      this.#stored = JSON.stringify(unchanged);
      this.#loaded = true;
    });
    $effect(() => {
      const snapshot = JSON.stringify(this.values);
      if (!this.#loaded || this.submitted) return;
      clearTimeout(this.#timer);
      if (snapshot === this.#stored) return;
      this.#timer = setTimeout(() => void this.saveDraft(snapshot), AUTOSAVE_DELAY_MS);
    });
  }

  async saveDraft(snapshot = JSON.stringify(this.values)): Promise<void> {
    const result = await api.saveDraft({ form: this.form, data: JSON.parse(snapshot) as DraftData, ...owner() });
    if (result.ok) {
      this.#stored = snapshot;
      this.savedAt = result.value.savedAt;
    }
  }

  error(key: string): string | undefined {
    const code = this.errors[key];
    return code ? errorText(code) : undefined;
  }

  async submit(send: () => Promise<ApiResult<Submitted>>): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    this.summary = null;
    clearTimeout(this.#timer);
    const result = await send();
    this.sending = false;
    if (result.ok) {
      this.errors = {};
      this.submitted = result.value;
      // Sent: the draft served its purpose (what was sent is in the request).
      await api.clearDraft({ form: this.form, ...owner() });
      return;
    }
    const { fields } = result.error;
    this.errors = fields ?? {};
    this.summary = fields ? t('forms.fixErrors') : failureText(result.error);
    await tick();
    const first = Object.keys(this.errors)[0];
    (first ? document.getElementById(fieldId(first)) : document.getElementById('form-summary'))?.focus();
  }
}
