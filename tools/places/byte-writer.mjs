// Little-endian binary writer for the Places resources: LEB128 varints, zigzag for signed values.
export class ByteWriter {
  #chunks = [];
  #buffer = Buffer.alloc(1 << 16);
  #length = 0;

  #reserve(n) {
    if (this.#length + n <= this.#buffer.length) return;
    this.#chunks.push(this.#buffer.subarray(0, this.#length));
    this.#buffer = Buffer.alloc(Math.max(n, 1 << 16));
    this.#length = 0;
  }

  byte(value) {
    this.#reserve(1);
    this.#buffer[this.#length++] = value;
  }

  uint(value) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not an unsigned integer: ${value}`);
    do {
      let b = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) b |= 0x80;
      this.byte(b);
    } while (value > 0);
  }

  int(value) {
    this.uint(value >= 0 ? value * 2 : -value * 2 - 1);
  }

  float64(value) {
    this.#reserve(8);
    this.#buffer.writeDoubleLE(value, this.#length);
    this.#length += 8;
  }

  ascii(text) {
    for (const ch of text) this.byte(ch.charCodeAt(0));
  }

  string(text) {
    const bytes = Buffer.from(text, 'utf8');
    this.uint(bytes.length);
    this.#reserve(bytes.length);
    bytes.copy(this.#buffer, this.#length);
    this.#length += bytes.length;
  }

  toBuffer() {
    return Buffer.concat([...this.#chunks, this.#buffer.subarray(0, this.#length)]);
  }
}
