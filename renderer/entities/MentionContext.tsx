/** A mention or an unmarked occurrence in its context: "…words before *text* words after…". */
export default function MentionContext(props: { before: string; text: string; after: string }) {
  return (
    <>
      …{props.before}
      <mark>{props.text}</mark>
      {props.after}…
    </>
  );
}
