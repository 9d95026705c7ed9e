/** Small helpers for the component tests: click, type and wait in the Taro H5 DOM. */
import { act, fireEvent, waitFor } from '@testing-library/react';

/**
 * Lets pending promises (fake server answers) settle, and Taro's input elements, which draw
 * their native input a frame later, finish loading (setting a value before that throws inside
 * Taro's component in jsdom).
 */
export async function flush(): Promise<void> {
  await act(async () => {
    await new Promise((r) => setTimeout(r, 20));
  });
}

export async function click(el: Element | null | undefined): Promise<void> {
  if (!el) throw new Error('nothing to click');
  await act(async () => {
    fireEvent.click(el);
  });
  await flush();
}

/** The one element of a class (fails when there is none). */
export function one(container: ParentNode, cls: string): HTMLElement {
  const el = container.querySelector(`.${cls}`) as HTMLElement | null;
  if (!el) throw new Error(`no .${cls}`);
  return el;
}

export function all(container: ParentNode, cls: string): HTMLElement[] {
  return Array.from(container.querySelectorAll(`.${cls}`)) as HTMLElement[];
}

/** The element of a class whose text is exactly `text`. */
export function byText(container: ParentNode, cls: string, text: string): HTMLElement {
  const el = all(container, cls).find((e) => (e.textContent ?? '').trim() === text);
  if (!el) throw new Error(`no .${cls} with text "${text}"`);
  return el;
}

/** Types into the input named `name` (Taro and NutUI inputs render a native input with it). */
export async function type(container: ParentNode, name: string, value: string): Promise<void> {
  const input = await waitFor(() => {
    const el = container.querySelector(`input[name="${name}"], textarea[name="${name}"]`) as HTMLInputElement | null;
    if (!el) throw new Error(`no input ${name}`);
    return el;
  });
  await act(async () => {
    fireEvent.input(input, { target: { value } });
  });
  await flush();
}

/** The − or + of the QtyStepper whose input is named `name`. */
export function stepper(container: ParentNode, name: string, which: 'minus' | 'plus'): HTMLElement {
  // (the Taro input element carries the name at once; its native input comes a tick later)
  const input = container.querySelector(`[name="${name}"]`);
  const box = input?.closest('.hy-stepper');
  const btn = box?.querySelector(`.hy-stepper__${which}`) as HTMLElement | null;
  if (!btn) throw new Error(`no stepper ${name}`);
  return btn;
}

/** The value shown in the input named `name`. */
export function valueOf(container: ParentNode, name: string): string {
  // The Taro element holds the value it was given; its native input may not be there yet.
  const el = container.querySelector(`[name="${name}"]`) as HTMLInputElement | null;
  if (!el) throw new Error(`no input ${name}`);
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el.value : (el.getAttribute('value') ?? '');
}
