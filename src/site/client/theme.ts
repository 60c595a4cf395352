// Runs before the page paints (a plain script in <head>): applies a colour theme chosen with the toggle, so a
// reader who overrides the system setting sees no flash of the other theme.
try {
  const theme = localStorage.getItem('preprint-digest:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage blocked: follow the system setting
}
export {};
