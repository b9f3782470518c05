/**
 * The keyboard side of a listbox driven from a text input (the model picker, the `@` list): which option an
 * arrow key makes active, and showing it as active (`aria-activedescendant` on the input, scrolled into view).
 * Each list marks its active option its own way: the model picker keeps `aria-selected` for the current model.
 */

/** The option active after an arrow key (`step` 1 down, -1 up): from none, the first or the last; then round. */
export function nextOptionIndex(active: number, step: 1 | -1, count: number): number {
  if (active < 0) return step > 0 ? 0 : count - 1;
  return (active + step + count) % count;
}

/** Makes option `index` (or none, with -1) the active one for assistive technology and the eye. */
export function showActiveOption(
  options: NodeListOf<Element>,
  input: HTMLElement,
  index: number,
  mark: (option: Element, active: boolean) => void,
): void {
  options.forEach((option, i) => mark(option, i === index));
  const option = options[index];
  if (option) {
    input.setAttribute('aria-activedescendant', option.id);
    option.scrollIntoView({ block: 'nearest' });
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}
