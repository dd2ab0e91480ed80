/** A message that screen readers announce when it appears. */
export function Alert({ text }: { text: string | undefined }) {
  return (
    <p class={text ? 'alert' : 'alert empty'} role="alert">
      {text}
    </p>
  );
}
