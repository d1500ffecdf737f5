// A tiny module with one bug and one gap, for the coding helper's offline demo.
export function add(a, b) {
  return a - b;
}

export function multiply(a, b) {
  /* fill */
}
