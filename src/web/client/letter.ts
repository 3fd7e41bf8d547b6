/**
 * The letter view is server-rendered and works without script; this only moves keyboard focus to
 * the targeted paragraph (so reading and tabbing continue from the cited passage) and keeps the
 * target when switching language.
 */
function followTarget(): void {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id === "" ? null : document.getElementById(id);
  if (target) {
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[data-keep-hash]")) {
    link.hash = location.hash;
  }
}

followTarget();
window.addEventListener("hashchange", followTarget);
