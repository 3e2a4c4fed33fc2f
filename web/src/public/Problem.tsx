/** A page that could not be shown: what happened, in plain words. */
export function Problem({ title, detail }: { title: string; detail: string }) {
  return (
    <main className="pg-page">
      <section className="pg-card pg-problem" role="alert">
        <h1>{title}</h1>
        <p>{detail}</p>
      </section>
    </main>
  );
}
