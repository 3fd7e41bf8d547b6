import express from "express";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { loadLetter } from "../../src/letter/load.js";
import { createWebRouter, type WebRouter } from "../../src/web/router.js";
import { testConfig } from "../support/real-services.js";

describe("the web router", () => {
  let app: express.Express;
  let router: WebRouter;

  beforeAll(() => {
    const config = testConfig();
    router = createWebRouter({ letter: loadLetter(config.corpusPath) });
    app = express().use(router);
  });

  it.each(["/", "/letter"])("serves %s with external scripts and styles only", async (path) => {
    const response = await request(app).get(path).expect(200);
    expect(response.headers["content-type"]).toMatch(/^text\/html/);
    expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.text).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(response.text).toMatch(
      /<script src="\/assets\/[a-z]+\.[0-9a-f]{10}\.js" defer><\/script>/,
    );
  });

  it("picks the page language from ?lang, then Accept-Language, then Dutch", async () => {
    const lang = async (path: string, accept?: string) => {
      const r = request(app).get(path);
      const response = await (accept ? r.set("Accept-Language", accept) : r);
      return /<html lang="(\w+)">/.exec(response.text)?.[1];
    };
    expect(await lang("/?lang=en", "nl")).toBe("en");
    expect(await lang("/", "en-GB,en;q=0.9")).toBe("en");
    expect(await lang("/letter", "nl-NL")).toBe("nl");
    expect(await lang("/")).toBe("nl");
  });

  it("shows the letter's title and the signatories' offices in English under ?lang=en", async () => {
    const english = (await request(app).get("/letter?lang=en").expect(200)).text;
    expect(english).toContain(
      "<h1>Gender equality, sexual and reproductive health and rights (SRHR) and equal rights of LGBTIQ+ persons in the European Union</h1>",
    );
    expect(english).toContain("<li>C.C.J. Veldkamp<span>Minister of Foreign Affairs</span></li>");
    expect(english).toContain(
      "<li>M.L.J. Paul<span>State Secretary for Education, Culture and Science</span></li>",
    );
    expect(english).not.toContain("Gendergelijkheid");
    expect(english).not.toContain("Minister van Buitenlandse Zaken");

    const dutch = (await request(app).get("/letter?lang=nl").expect(200)).text;
    expect(dutch).toContain("<h1>Gendergelijkheid, seksuele en reproductieve gezondheid");
    expect(dutch).toContain("<span>Minister van Buitenlandse Zaken</span>");
  });

  it("escapes the letter's text in the letter view", async () => {
    const config = testConfig();
    const letter = loadLetter(config.corpusPath);
    const hostile = '<img src=x onerror=alert(1)> & "quoted"';
    letter.metadata.title = hostile;
    letter.footnotes = letter.footnotes.map((f) => (f.number === 9 ? { ...f, text: hostile } : f));
    const hostileApp = express().use(createWebRouter({ letter }));
    const response = await request(hostileApp).get("/letter?lang=nl").expect(200);
    expect(response.text).not.toContain("<img");
    const escaped = "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot;";
    expect(response.text).toContain(`<h1>${escaped}</h1>`);
    expect(response.text).toContain(`<li id="fn-9" value="9">${escaped} `);
  });

  it("serves widget.js to other origins, gzipped when accepted", async () => {
    const response = await request(app)
      .get("/widget.js")
      .set("Accept-Encoding", "gzip")
      .expect(200);
    expect(response.headers["content-type"]).toMatch(/^text\/javascript/);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    expect(response.text).toContain("attachShadow");
  });

  it("serves the page assets under their content-hashed names, cached for good", async () => {
    const page = await request(app).get("/").expect(200);
    const css = /href="(\/assets\/site\.[0-9a-f]{10}\.css)"/.exec(page.text)?.[1];
    const script = /src="(\/assets\/page\.[0-9a-f]{10}\.js)"/.exec(page.text)?.[1];
    const icon = /href="(\/assets\/favicon\.[0-9a-f]{10}\.svg)"/.exec(page.text)?.[1];
    if (!css || !script || !icon) throw new Error(`no hashed asset URLs in ${page.text}`);
    const styles = await request(app)
      .get(css)
      .set("Accept-Encoding", "gzip")
      .expect(200)
      .expect("Content-Type", /text\/css/)
      .expect("Cache-Control", /immutable/);
    expect(styles.headers["content-encoding"]).toBe("gzip");
    const plain = await request(app).get(script).set("Accept-Encoding", "identity").expect(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.text.length).toBeGreaterThan(1000);
    await request(app).get(icon).expect(200).expect("Content-Type", /svg/);
  });

  it("serves nothing else under /assets", async () => {
    await request(app).get("/assets/site.css").expect(404);
    await request(app).get("/assets/page.js").expect(404);
    await request(app).get("/assets/manifest.json").expect(404);
    await request(app).get("/assets/nope.js").expect(404);
    const widget = router.assets.byName.get("widget.js");
    expect(widget).toBeDefined();
    await request(app).get(`/assets/${widget?.hashedName}`).expect(404);
  });
});
