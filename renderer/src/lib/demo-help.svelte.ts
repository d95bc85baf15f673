// Whether the first-run demo help shows. It is hidden per workstation (this window's browser
// profile), not per person: it shows before anyone logs in, when nobody is known yet. The header
// menu offers it back ("Show the demo help again") while it is hidden.
const HIDDEN = 'portal.demoWelcomeSeen';

export const demoHelp = $state({
  hidden: localStorage.getItem(HIDDEN) === '1',
  /** Asked back from the menu: the panel takes the focus when it shows, so a keyboard user is there. */
  focusWhenShown: false,
});

export function hideDemoHelp(): void {
  localStorage.setItem(HIDDEN, '1');
  demoHelp.hidden = true;
}

export function showDemoHelp(): void {
  localStorage.removeItem(HIDDEN);
  demoHelp.hidden = false;
  demoHelp.focusWhenShown = true;
}
