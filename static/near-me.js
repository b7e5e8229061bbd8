// "Near me": the one script a public page loads. The section stays hidden without it, and
// the location is asked for only after a tap. Rounded to about 1 km before it leaves the phone.
(function () {
	var box = document.querySelector('[data-near-me]');
	if (!box || !('geolocation' in navigator)) return;
	var button = box.querySelector('[data-near-me-button]');
	var failed = box.querySelector('[data-near-me-failed]');
	box.hidden = false;
	button.addEventListener('click', function () {
		failed.hidden = true;
		button.disabled = true;
		navigator.geolocation.getCurrentPosition(
			function (position) {
				var lat = position.coords.latitude.toFixed(2);
				var lng = position.coords.longitude.toFixed(2);
				location.href = '/sessions?lat=' + lat + '&lng=' + lng + '&sort=near';
			},
			function () {
				button.disabled = false;
				failed.hidden = false;
			},
			{ maximumAge: 600000, timeout: 15000 }
		);
	});
})();
