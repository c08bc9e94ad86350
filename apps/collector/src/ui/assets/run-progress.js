// Progressive enhancement for a running trainer run: polls its progress and updates the live region;
// reloads the page once the run has ended, so what it changed is shown. Without script, the page says to reload.
(function () {
  var region = document.getElementById('run-progress');
  if (!region) return;
  var url = region.getAttribute('data-progress-url');
  var timer = setInterval(function () {
    fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) return;
        if (progress.status !== 'running') { clearInterval(timer); window.location.reload(); return; }
        region.textContent = progress.text;
      })
      .catch(function () {});
  }, 1000);
})();
