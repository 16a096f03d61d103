// Millions of keys (emails, submission keys) without millions of strings: each key is kept as a 128-bit hash in
// typed arrays and numbered densely, so callers keep what they know of it in plain number arrays.

const lanes = new Uint32Array(4);

/** A 128-bit hash of `text` into `lanes` (four 32-bit multiply-rotate lanes, each finished with murmur3's mix). */
function hashText(text: string): void {
  let a = 0x9747b28c ^ text.length;
  let b = 0x85ebca6b;
  let c = 0xc2b2ae35;
  let d = 0x27d4eb2f;
  for (let i = 0; i < text.length; i += 1) {
    const k = text.charCodeAt(i);
    a = Math.imul(a ^ k, 0x01000193);
    b = Math.imul((b << 5) | (b >>> 27), 0x5bd1e995) ^ k;
    c = Math.imul(c ^ k, 0xcc9e2d51) + 0x165667b1;
    d = Math.imul((d << 13) | (d >>> 19), 0x1b873593) + k;
  }
  lanes[0] = mix(a ^ Math.imul(d, 0x85ebca77));
  lanes[1] = mix(b ^ a);
  lanes[2] = mix(c ^ b);
  lanes[3] = mix(d ^ c);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Numbers distinct keys 0, 1, 2… in the order first added; open addressing over the keys' hashes. */
export class KeyIndex {
  private slots = new Int32Array(1 << 16);
  private keys = new Uint32Array(4 << 15);
  size = 0;

  /** The key's number, or -1 if it was never added. */
  find(key: string): number {
    hashText(key);
    const slot = this.slotOf();
    return this.slots[slot] - 1;
  }

  /** The key's number, adding it when new (then it is `size - 1`). */
  add(key: string): number {
    hashText(key);
    let slot = this.slotOf();
    if (this.slots[slot] !== 0) return this.slots[slot] - 1;
    if ((this.size + 1) * 2 > this.slots.length) {
      this.grow();
      slot = this.slotOf();
    }
    const index = this.size;
    if (this.keys.length < (index + 1) * 4) {
      const keys = new Uint32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys.set(lanes, index * 4);
    this.slots[slot] = index + 1;
    this.size += 1;
    return index;
  }

  /** The slot holding the hashed key, or the empty slot where it would go. */
  private slotOf(): number {
    const mask = this.slots.length - 1;
    let slot = lanes[0] & mask;
    for (;;) {
      const held = this.slots[slot];
      if (held === 0) return slot;
      const at = (held - 1) * 4;
      const keys = this.keys;
      if (keys[at] === lanes[0] && keys[at + 1] === lanes[1] && keys[at + 2] === lanes[2] && keys[at + 3] === lanes[3]) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.size; index += 1) {
      let slot = this.keys[index * 4] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}
