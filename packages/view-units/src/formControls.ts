/** A control inside its label: the label names it for assistive technology. */
export function labelled(text: string, control: HTMLElement): HTMLLabelElement {
  const label = document.createElement('label');
  const span = document.createElement('span');
  span.textContent = text;
  label.append(span, control);
  return label;
}

/** An `<option>` (made by the element's document: no global `Option` constructor needed). */
export function option(value: string, text: string): HTMLOptionElement {
  const element = document.createElement('option');
  element.setAttribute('value', value);
  element.textContent = text;
  return element;
}
