// Chapter and transcript links seek the player on the page instead of opening the file.
// Without JavaScript the links still work: they open the file at the #t= time.
(function () {
  var audio = document.getElementById("episode-audio");
  if (!audio) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-seek]");
    if (!link) return;
    event.preventDefault();
    audio.currentTime = Number(link.getAttribute("data-seek"));
    audio.play().catch(function () {});
  });
})();
