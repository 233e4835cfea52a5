{# The reader's saved theme, set before the first paint. Inline, so it costs no request and
   blocks nothing; base.html allows exactly this text by its hash in the CSP. #}
try {
  if (/^(light|dark)$/.test(localStorage.getItem("footnoted-theme"))) {
    document.documentElement.setAttribute("data-theme", localStorage.getItem("footnoted-theme"));
  }
} catch (error) {}
