/**
 * The page's error banner: a role="alert" region that shows one or more messages and a Dismiss
 * button, and is hidden when empty. Messages (file names, data errors) are set as text only.
 */
export class AlertRegion {
  readonly element: HTMLElement;

  constructor(element: HTMLElement) {
    this.element = element;
    element.setAttribute('role', 'alert');
    this.dismiss();
  }

  /** Shows the messages, replacing those shown; an empty list dismisses. */
  show(messages: readonly string[]): void {
    if (messages.length === 0) return this.dismiss();
    const lines = messages.map((message) => {
      const line = document.createElement('p');
      line.textContent = message;
      return line;
    });
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => this.dismiss());
    this.element.hidden = false;
    this.element.replaceChildren(...lines, close);
  }

  dismiss(): void {
    this.element.replaceChildren();
    this.element.hidden = true;
  }

  /** The messages shown now. */
  get messages(): string[] {
    return [...this.element.querySelectorAll('p')].map((line) => line.textContent ?? '');
  }
}
