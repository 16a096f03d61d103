import assert from "node:assert/strict";
import { test } from "node:test";
import { pseudonymousId } from "../../loaders/identity";

test("the id ignores case and surrounding spaces, and depends on the key", () => {
  const id = pseudonymousId("ana@example.org", "k1");
  assert.equal(pseudonymousId("  Ana@Example.ORG ", "k1"), id);
  assert.notEqual(pseudonymousId("ana@example.org", "k2"), id);
  assert.match(id, /^[0-9a-f]{16}$/);
  assert.ok(!id.includes("ana"));
});
