/**
 * The letter view is server-rendered and works without script; this only moves keyboard focus to
 * the targeted paragraph (so reading and tabbing continue from the cited passage) and keeps the
 * target when switching language.
 */
/** The id a fragment names; one that is not valid percent-encoding (`#%ZZ`) names nothing. */
function fragmentId(hash: string): string {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return "";
  }
}

function followTarget(): void {
  const id = fragmentId(location.hash);
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
