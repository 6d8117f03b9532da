// The simulated phone and mailbox: each message the regulator sends appears at the top as it is committed.
(() => {
  const box = document.getElementById('inbox');
  if (!box || !window.EventSource) return;
  const source = new EventSource(box.dataset.events);
  source.addEventListener('message', event => {
    const m = JSON.parse(event.data);
    if (box.querySelector(`[data-seq="${m.Seq}"]`)) return;
    // A call rings: the page, drawn again by the server, shows it with its answer button.
    if (m.Kind === 'call') { location.reload(); return; }
    const article = document.createElement('article');
    article.className = 'msg new ' + m.Kind;
    article.dataset.seq = m.Seq;
    const header = document.createElement('header');
    header.textContent = `${m.Sender} · ${m.At}`;
    article.append(header);
    if (m.Subject) {
      const subject = document.createElement('h3');
      subject.textContent = m.Subject;
      article.append(subject);
    }
    const body = document.createElement('p');
    body.className = 'body';
    // Each filing number in a span of its own, which keeps it on one line.
    for (const part of m.BodyParts) {
      if (part.Number) {
        const number = document.createElement('span');
        number.className = 'number';
        number.textContent = part.Text;
        body.append(number);
      } else {
        body.append(part.Text);
      }
    }
    article.append(body);
    if (m.Link) {
      const link = document.createElement('a');
      link.className = 'open-validation';
      link.href = m.Link;
      link.textContent = m.LinkText;
      article.append(link);
    }
    box.querySelector('.empty')?.remove();
    box.prepend(article);
  });
})();
