// The benchmark's floor (docs/BENCHMARKS.md): the least a cookie popup can do. It asks the browser
// for the active tab's cookies, lists their names and marks the page ready the way Cookie Lens's
// popup does (`document.body.dataset.ready = '1'` after the first complete render).
performance.mark('popup:script');
const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
const cookies = tab?.url === undefined ? [] : await chrome.cookies.getAll({ url: tab.url });
performance.mark('popup:data');
const list = document.getElementById('names');
for (const cookie of cookies) {
  const item = document.createElement('li');
  item.textContent = cookie.name;
  list?.append(item);
}
document.body.dataset.ready = '1';
