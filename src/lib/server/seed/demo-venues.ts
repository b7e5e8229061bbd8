// Fictional venues (見本町 = "sample town") in real municipalities, near their offices.
export const demoVenues = [
	{ municipality_code: '072010', name: '中央公民館', address: '福島市見本町1-1', lat: 37.7611, lng: 140.4731, loaner_phones: 5, has_wifi: true },
	{ municipality_code: '072010', name: '北地区集会所', address: '福島市見本町2-3', lat: 37.7902, lng: 140.4612, loaner_phones: 0, has_wifi: false },
	{ municipality_code: '072010', name: '南福島コミュニティセンター', address: '福島市見本町5-8', lat: 37.7301, lng: 140.4698, loaner_phones: 3, has_wifi: true },
	{ municipality_code: '072028', name: '生涯学習センター', address: '会津若松市見本町3-2', lat: 37.4958, lng: 139.9301, loaner_phones: 6, has_wifi: true },
	{ municipality_code: '072028', name: '東山地区公民館', address: '会津若松市見本町7-1', lat: 37.4803, lng: 139.9612, loaner_phones: 0, has_wifi: false },
	{ municipality_code: '072036', name: '中央公民館', address: '郡山市見本町1-10', lat: 37.3991, lng: 140.3601, loaner_phones: 4, has_wifi: true },
	{ municipality_code: '072036', name: '西部ふれあいセンター', address: '郡山市見本町9-4', lat: 37.4102, lng: 140.3205, loaner_phones: 2, has_wifi: true },
	{ municipality_code: '072044', name: '文化センター', address: 'いわき市見本町2-2', lat: 37.0512, lng: 140.8871, loaner_phones: 5, has_wifi: true },
	{ municipality_code: '072044', name: '小名浜地区公民館', address: 'いわき市見本町4-6', lat: 36.9501, lng: 140.9012, loaner_phones: 0, has_wifi: true },
	{ municipality_code: '075213', name: '三春町民センター', address: '三春町見本1-1', lat: 37.4409, lng: 140.4935, loaner_phones: 3, has_wifi: true },
	{ municipality_code: '075647', name: '飯舘村交流センター', address: '飯舘村見本1-1', lat: 37.6795, lng: 140.7349, loaner_phones: 2, has_wifi: true },
	{ municipality_code: '073679', name: '只見町役場 会議室', address: '只見町見本1-1', lat: 37.3489, lng: 139.3161, loaner_phones: 2, has_wifi: false }
] as const;
