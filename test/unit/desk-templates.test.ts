// A template may name only the placeholders a decision fills: the rule, table-driven, and the
// workstation's refusal through the real router and store (the hub's is in hub-decisions.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DESK_TEMPLATE_KEYS } from '../../preload/contract/help';
import { templatesSchema, unknownPlaceholder, type DeskTemplates } from '../../main/portal/desk/templates';
import { deskSession, RESOURCES_DIR, testCore } from '../fixtures/core';

const shipped = (): DeskTemplates => {
  const { _comment, ...templates } = JSON.parse(
    readFileSync(join(RESOURCES_DIR, 'desk', 'templates.json'), 'utf8'),
  ) as Record<string, unknown>;
  void _comment;
  return templatesSchema.parse(templates);
};
const withAnswer = (body: string, lang: 'en' | 'fr' = 'en'): DeskTemplates => {
  const templates = shipped();
  templates.answer[lang] = { subject: '[{reference}] Our answer', body };
  return templates;
};

describe('unknown placeholders', () => {
  it('finds none in the shipped templates', () => {
    expect(unknownPlaceholder(shipped())).toBeNull();
  });

  it.each([
    ['Hello {nonsense}', '{nonsense}'],
    ['Hello { message }', '{ message }'],
    ['Hello {non-sense}', '{non-sense}'],
    ['Your company {CompanyName}', '{CompanyName}'],
    ['{message} and {reasons}', '{reasons}'],
    ['Empty {}', '{}'],
  ])('refuses %j, naming %s', (body, placeholder) => {
    expect(unknownPlaceholder(withAnswer(body, 'fr'))).toEqual({
      key: 'answer',
      lang: 'fr',
      part: 'body',
      placeholder,
    });
  });

  it.each(['Hello {message}', 'Every one: {reference} {cofor} {companyName} {reason} {logins} {message}', 'No braces'])(
    'accepts %j',
    (body) => expect(unknownPlaceholder(withAnswer(body))).toBeNull(),
  );

  it('names the subject when the subject has it', () => {
    const templates = shipped();
    templates[DESK_TEMPLATE_KEYS[0]].en.subject = 'About {cofr}';
    expect(unknownPlaceholder(templates)).toMatchObject({ key: DESK_TEMPLATE_KEYS[0], part: 'subject' });
  });
});

describe('saving templates on a workstation', () => {
  let core: ReturnType<typeof testCore>;
  beforeEach(() => (core = testCore({ loadDemo: false })));
  afterEach(() => core.dispose());

  it('refuses "Hello {nonsense}" with the field, the placeholder and the allowed ones, and keeps the set it had', async () => {
    const session = await deskSession(core);
    const answer = await core.router.call('saveDeskTemplates', { session, templates: withAnswer('Hello {nonsense}') });
    expect(answer).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        fields: { 'templates.answer.en.body': 'template.unknown-placeholder' },
        details: {
          placeholder: '{nonsense}',
          key: 'answer',
          lang: 'en',
          part: 'body',
          allowed: '{reference} {cofor} {companyName} {reason} {logins} {message}',
        },
      },
    });
    const kept = await core.router.call('deskTemplates', { session });
    expect(kept).toMatchObject({ ok: true, value: { answer: shipped().answer } });
    expect((await core.router.call('saveDeskTemplates', { session, templates: withAnswer('Hi {message}') })).ok).toBe(
      true,
    );
  });
});
