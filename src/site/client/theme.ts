// Runs before the page paints (a plain script in <head>): marks the page as scripted (without JavaScript the
// stylesheet hides the header's controls and "Loading…", which would never work), applies a colour theme chosen
// with the toggle, so a reader who overrides the system setting sees no flash of the other theme; and explains
// file:// pages.
document.documentElement.classList.add('js');
try {
  const theme = localStorage.getItem('preprint-digest:theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // storage blocked: follow the system setting
}

// Browsers refuse module scripts and fetch from file:// pages, so the reader cannot start there; say so.
if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', () => {
    const status = document.getElementById('loading');
    if (status) status.textContent = 'Browsers do not let this reader load its data from a file:// page. Serve the folder instead: preprint-digest serve DIR (or any static web server).';
  });
}
export {};
