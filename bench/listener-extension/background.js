// The benchmark's listener floor (docs/BENCHMARKS.md): a cookies.onChanged listener that does
// nothing, so a page's cookie writes cost what the browser's event dispatch alone costs.
chrome.cookies.onChanged.addListener(() => {});
