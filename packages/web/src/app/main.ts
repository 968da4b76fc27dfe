// Entry of the browser app (placeholder until the app shell lands): shows the product name.
const root = document.getElementById('app');
if (root) root.textContent = 'Arbor';
