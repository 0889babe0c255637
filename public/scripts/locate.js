// Loaded only on the page a resident opens to find their ward by their device's location.
// On request it asks the browser for the position once and posts it to the server, which
// places it in a ward and forgets it. Nothing runs until the resident presses the button.
(function () {
  var button = document.getElementById("use-location");
  var form = document.getElementById("location-form");
  var status = document.getElementById("location-status");
  if (!button || !form || !status || !("geolocation" in navigator)) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = button.getAttribute("data-waiting") || "";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.namedItem("latitude").value = position.coords.latitude.toFixed(5);
        form.elements.namedItem("longitude").value = position.coords.longitude.toFixed(5);
        form.submit();
      },
      function () {
        status.textContent = button.getAttribute("data-refused") || "";
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
