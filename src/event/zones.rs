//! Place names and zone abbreviations to IANA time zones.
//!
//! Owns the city table (capitals and large cities whose names are not the
//! city of an IANA zone id, plus single-zone countries), the abbreviation
//! table (JST, CET/CEST, EST/EDT ...) and the fallback onto the zone
//! database's own city names ("New York" -> `America/New_York`). Every zone
//! is read from jiff's bundled database, never from the machine's files.

use std::collections::HashMap;
use std::sync::LazyLock;

use jiff::tz::{Offset, TimeZone, TimeZoneDatabase};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;

/// The bundled zone database (results do not depend on the machine).
pub(crate) static DB: LazyLock<TimeZoneDatabase> = LazyLock::new(TimeZoneDatabase::bundled);

/// Cities (and single-zone countries) -> IANA zone, keyed by the folded name
/// (lower case, diacritics removed). Names that are the last component of a
/// zone id (Tokyo, Paris, New York, ...) need no entry: the database
/// fallback finds them.
const CITIES: &[(&str, &str)] = &[
    // Europe
    ("geneva", "Europe/Zurich"),
    ("geneve", "Europe/Zurich"),
    ("bern", "Europe/Zurich"),
    ("berne", "Europe/Zurich"),
    ("basel", "Europe/Zurich"),
    ("lausanne", "Europe/Zurich"),
    ("the hague", "Europe/Amsterdam"),
    ("hague", "Europe/Amsterdam"),
    ("den haag", "Europe/Amsterdam"),
    ("rotterdam", "Europe/Amsterdam"),
    ("utrecht", "Europe/Amsterdam"),
    ("leiden", "Europe/Amsterdam"),
    ("bonn", "Europe/Berlin"),
    ("frankfurt", "Europe/Berlin"),
    ("munich", "Europe/Berlin"),
    ("hamburg", "Europe/Berlin"),
    ("cologne", "Europe/Berlin"),
    ("heidelberg", "Europe/Berlin"),
    ("milan", "Europe/Rome"),
    ("florence", "Europe/Rome"),
    ("venice", "Europe/Rome"),
    ("naples", "Europe/Rome"),
    ("turin", "Europe/Rome"),
    ("barcelona", "Europe/Madrid"),
    ("seville", "Europe/Madrid"),
    ("valencia", "Europe/Madrid"),
    ("lyon", "Europe/Paris"),
    ("strasbourg", "Europe/Paris"),
    ("marseille", "Europe/Paris"),
    ("nice", "Europe/Paris"),
    ("bordeaux", "Europe/Paris"),
    ("edinburgh", "Europe/London"),
    ("manchester", "Europe/London"),
    ("oxford", "Europe/London"),
    ("cambridge", "Europe/London"),
    ("birmingham", "Europe/London"),
    ("glasgow", "Europe/London"),
    ("cardiff", "Europe/London"),
    ("belfast", "Europe/London"),
    ("antwerp", "Europe/Brussels"),
    ("ghent", "Europe/Brussels"),
    ("leuven", "Europe/Brussels"),
    ("salzburg", "Europe/Vienna"),
    ("krakow", "Europe/Warsaw"),
    ("cracow", "Europe/Warsaw"),
    ("gdansk", "Europe/Warsaw"),
    ("st. petersburg", "Europe/Moscow"),
    ("st petersburg", "Europe/Moscow"),
    ("saint petersburg", "Europe/Moscow"),
    ("kiev", "Europe/Kyiv"),
    ("kyiv", "Europe/Kyiv"),
    ("odesa", "Europe/Kyiv"),
    ("odessa", "Europe/Kyiv"),
    ("lviv", "Europe/Kyiv"),
    ("porto", "Europe/Lisbon"),
    ("thessaloniki", "Europe/Athens"),
    ("gothenburg", "Europe/Stockholm"),
    ("bergen", "Europe/Oslo"),
    ("aarhus", "Europe/Copenhagen"),
    ("reykjavik", "Atlantic/Reykjavik"),
    ("pristina", "Europe/Belgrade"),
    ("chisinau", "Europe/Chisinau"),
    ("valletta", "Europe/Malta"),
    ("nicosia", "Asia/Nicosia"),
    // Americas
    ("washington", "America/New_York"),
    ("washington dc", "America/New_York"),
    ("washington d.c.", "America/New_York"),
    ("washington, d.c.", "America/New_York"),
    ("washington, dc", "America/New_York"),
    ("washington d.c", "America/New_York"),
    ("washington, d.c", "America/New_York"),
    ("nyc", "America/New_York"),
    ("boston", "America/New_York"),
    ("philadelphia", "America/New_York"),
    ("atlanta", "America/New_York"),
    ("miami", "America/New_York"),
    ("pittsburgh", "America/New_York"),
    ("baltimore", "America/New_York"),
    ("princeton", "America/New_York"),
    ("san francisco", "America/Los_Angeles"),
    ("seattle", "America/Los_Angeles"),
    ("portland", "America/Los_Angeles"),
    ("san diego", "America/Los_Angeles"),
    ("la", "America/Los_Angeles"),
    ("houston", "America/Chicago"),
    ("dallas", "America/Chicago"),
    ("austin", "America/Chicago"),
    ("new orleans", "America/Chicago"),
    ("minneapolis", "America/Chicago"),
    ("salt lake city", "America/Denver"),
    ("ottawa", "America/Toronto"),
    ("montreal", "America/Toronto"),
    ("quebec", "America/Toronto"),
    ("quebec city", "America/Toronto"),
    ("calgary", "America/Edmonton"),
    ("mexico city", "America/Mexico_City"),
    ("guatemala city", "America/Guatemala"),
    ("san salvador", "America/El_Salvador"),
    ("tegucigalpa", "America/Tegucigalpa"),
    ("panama city", "America/Panama"),
    ("rio de janeiro", "America/Sao_Paulo"),
    ("rio", "America/Sao_Paulo"),
    ("brasilia", "America/Sao_Paulo"),
    ("buenos aires", "America/Argentina/Buenos_Aires"),
    ("quito", "America/Guayaquil"),
    ("santo domingo", "America/Santo_Domingo"),
    ("kingston", "America/Jamaica"),
    ("sucre", "America/La_Paz"),
    // Asia and the Pacific
    ("kyoto", "Asia/Tokyo"),
    ("osaka", "Asia/Tokyo"),
    ("nagoya", "Asia/Tokyo"),
    ("yokohama", "Asia/Tokyo"),
    ("hiroshima", "Asia/Tokyo"),
    ("nagasaki", "Asia/Tokyo"),
    ("kobe", "Asia/Tokyo"),
    ("sapporo", "Asia/Tokyo"),
    ("fukuoka", "Asia/Tokyo"),
    ("sendai", "Asia/Tokyo"),
    ("okinawa", "Asia/Tokyo"),
    ("naha", "Asia/Tokyo"),
    ("busan", "Asia/Seoul"),
    ("incheon", "Asia/Seoul"),
    ("beijing", "Asia/Shanghai"),
    ("peking", "Asia/Shanghai"),
    ("guangzhou", "Asia/Shanghai"),
    ("shenzhen", "Asia/Shanghai"),
    ("nanjing", "Asia/Shanghai"),
    ("wuhan", "Asia/Shanghai"),
    ("chengdu", "Asia/Shanghai"),
    ("tianjin", "Asia/Shanghai"),
    ("xi'an", "Asia/Shanghai"),
    ("new delhi", "Asia/Kolkata"),
    ("delhi", "Asia/Kolkata"),
    ("mumbai", "Asia/Kolkata"),
    ("bombay", "Asia/Kolkata"),
    ("calcutta", "Asia/Kolkata"),
    ("bangalore", "Asia/Kolkata"),
    ("bengaluru", "Asia/Kolkata"),
    ("chennai", "Asia/Kolkata"),
    ("madras", "Asia/Kolkata"),
    ("hyderabad", "Asia/Kolkata"),
    ("islamabad", "Asia/Karachi"),
    ("lahore", "Asia/Karachi"),
    ("hanoi", "Asia/Ho_Chi_Minh"),
    ("ho chi minh city", "Asia/Ho_Chi_Minh"),
    ("saigon", "Asia/Ho_Chi_Minh"),
    ("naypyidaw", "Asia/Yangon"),
    ("nay pyi taw", "Asia/Yangon"),
    ("rangoon", "Asia/Yangon"),
    ("sri jayawardenepura kotte", "Asia/Colombo"),
    ("cebu", "Asia/Manila"),
    ("quezon city", "Asia/Manila"),
    ("surabaya", "Asia/Jakarta"),
    ("bandung", "Asia/Jakarta"),
    ("denpasar", "Asia/Makassar"),
    ("bali", "Asia/Makassar"),
    ("chiang mai", "Asia/Bangkok"),
    ("penang", "Asia/Kuala_Lumpur"),
    ("canberra", "Australia/Sydney"),
    ("wellington", "Pacific/Auckland"),
    ("christchurch", "Pacific/Auckland"),
    ("suva", "Pacific/Fiji"),
    ("samoa", "Pacific/Apia"),
    ("astana", "Asia/Almaty"),
    ("nur-sultan", "Asia/Almaty"),
    ("macao", "Asia/Macau"),
    ("ulan bator", "Asia/Ulaanbaatar"),
    // Middle East
    ("tel aviv", "Asia/Jerusalem"),
    ("haifa", "Asia/Jerusalem"),
    ("ramallah", "Asia/Hebron"),
    ("abu dhabi", "Asia/Dubai"),
    ("doha", "Asia/Qatar"),
    ("kuwait city", "Asia/Kuwait"),
    ("manama", "Asia/Bahrain"),
    ("muscat", "Asia/Muscat"),
    ("sanaa", "Asia/Aden"),
    ("sana'a", "Asia/Aden"),
    ("jeddah", "Asia/Riyadh"),
    ("ankara", "Europe/Istanbul"),
    ("istanbul", "Europe/Istanbul"),
    ("erbil", "Asia/Baghdad"),
    // Africa
    ("abuja", "Africa/Lagos"),
    ("pretoria", "Africa/Johannesburg"),
    ("cape town", "Africa/Johannesburg"),
    ("durban", "Africa/Johannesburg"),
    ("rabat", "Africa/Casablanca"),
    ("yamoussoukro", "Africa/Abidjan"),
    ("dodoma", "Africa/Dar_es_Salaam"),
    ("goma", "Africa/Lubumbashi"),
    ("addis", "Africa/Addis_Ababa"),
    ("n'djamena", "Africa/Ndjamena"),
    ("alexandria", "Africa/Cairo"),
    ("benghazi", "Africa/Tripoli"),
    ("zanzibar", "Africa/Dar_es_Salaam"),
    ("lilongwe", "Africa/Blantyre"),
    ("port louis", "Indian/Mauritius"),
    // Countries with a single zone
    ("japan", "Asia/Tokyo"),
    ("korea", "Asia/Seoul"),
    ("south korea", "Asia/Seoul"),
    ("republic of korea", "Asia/Seoul"),
    ("china", "Asia/Shanghai"),
    ("india", "Asia/Kolkata"),
    ("pakistan", "Asia/Karachi"),
    ("bangladesh", "Asia/Dhaka"),
    ("nepal", "Asia/Kathmandu"),
    ("sri lanka", "Asia/Colombo"),
    ("thailand", "Asia/Bangkok"),
    ("vietnam", "Asia/Ho_Chi_Minh"),
    ("viet nam", "Asia/Ho_Chi_Minh"),
    ("cambodia", "Asia/Phnom_Penh"),
    ("myanmar", "Asia/Yangon"),
    ("philippines", "Asia/Manila"),
    ("the philippines", "Asia/Manila"),
    ("singapore", "Asia/Singapore"),
    ("malaysia", "Asia/Kuala_Lumpur"),
    ("timor-leste", "Asia/Dili"),
    ("east timor", "Asia/Dili"),
    ("taiwan", "Asia/Taipei"),
    ("afghanistan", "Asia/Kabul"),
    ("iran", "Asia/Tehran"),
    ("iraq", "Asia/Baghdad"),
    ("syria", "Asia/Damascus"),
    ("lebanon", "Asia/Beirut"),
    ("jordan", "Asia/Amman"),
    ("israel", "Asia/Jerusalem"),
    ("saudi arabia", "Asia/Riyadh"),
    ("united arab emirates", "Asia/Dubai"),
    ("uae", "Asia/Dubai"),
    ("qatar", "Asia/Qatar"),
    ("turkey", "Europe/Istanbul"),
    ("turkiye", "Europe/Istanbul"),
    ("egypt", "Africa/Cairo"),
    ("kenya", "Africa/Nairobi"),
    ("ethiopia", "Africa/Addis_Ababa"),
    ("nigeria", "Africa/Lagos"),
    ("ghana", "Africa/Accra"),
    ("senegal", "Africa/Dakar"),
    ("mali", "Africa/Bamako"),
    ("rwanda", "Africa/Kigali"),
    ("uganda", "Africa/Kampala"),
    ("tanzania", "Africa/Dar_es_Salaam"),
    ("somalia", "Africa/Mogadishu"),
    ("sudan", "Africa/Khartoum"),
    ("south sudan", "Africa/Juba"),
    ("mozambique", "Africa/Maputo"),
    ("south africa", "Africa/Johannesburg"),
    ("haiti", "America/Port-au-Prince"),
    ("colombia", "America/Bogota"),
    ("peru", "America/Lima"),
    ("argentina", "America/Argentina/Buenos_Aires"),
    ("new zealand", "Pacific/Auckland"),
    ("united kingdom", "Europe/London"),
    ("uk", "Europe/London"),
    ("britain", "Europe/London"),
    ("great britain", "Europe/London"),
    ("england", "Europe/London"),
    ("ireland", "Europe/Dublin"),
    ("france", "Europe/Paris"),
    ("germany", "Europe/Berlin"),
    ("italy", "Europe/Rome"),
    ("switzerland", "Europe/Zurich"),
    ("austria", "Europe/Vienna"),
    ("belgium", "Europe/Brussels"),
    ("netherlands", "Europe/Amsterdam"),
    ("the netherlands", "Europe/Amsterdam"),
    ("poland", "Europe/Warsaw"),
    ("czech republic", "Europe/Prague"),
    ("czechia", "Europe/Prague"),
    ("hungary", "Europe/Budapest"),
    ("romania", "Europe/Bucharest"),
    ("bulgaria", "Europe/Sofia"),
    ("greece", "Europe/Athens"),
    ("serbia", "Europe/Belgrade"),
    ("croatia", "Europe/Zagreb"),
    ("ukraine", "Europe/Kyiv"),
    ("sweden", "Europe/Stockholm"),
    ("norway", "Europe/Oslo"),
    ("finland", "Europe/Helsinki"),
    ("denmark", "Europe/Copenhagen"),
];

/// One zone abbreviation or written zone name.
struct Abbrev {
    /// As matched, folded.
    key: &'static str,
    zone: &'static str,
    /// Some(true) for a daylight-time name (CEST), Some(false) for a
    /// standard-time name (CET), None when the name covers both (ET).
    dst: Option<bool>,
    /// Other zones the name is also used for, when it is ambiguous.
    also: Option<&'static str>,
}

const fn ab(key: &'static str, zone: &'static str, dst: Option<bool>, also: Option<&'static str>) -> Abbrev {
    Abbrev { key, zone, dst, also }
}

const STD: Option<bool> = Some(false);
const DST: Option<bool> = Some(true);

const ABBREVS: &[Abbrev] = &[
    ab("jst", "Asia/Tokyo", STD, None),
    ab("japan standard time", "Asia/Tokyo", STD, None),
    ab("japan time", "Asia/Tokyo", None, None),
    ab("kst", "Asia/Seoul", STD, None),
    ab("korea standard time", "Asia/Seoul", STD, None),
    ab("hkt", "Asia/Hong_Kong", STD, None),
    ab("sgt", "Asia/Singapore", STD, None),
    ab("pht", "Asia/Manila", STD, None),
    ab(
        "pst",
        "America/Los_Angeles",
        STD,
        Some("Philippine Standard Time (Asia/Manila)"),
    ),
    ab("wib", "Asia/Jakarta", STD, None),
    ab("ict", "Asia/Bangkok", STD, None),
    ab(
        "ist",
        "Asia/Kolkata",
        STD,
        Some("Irish Standard Time (Europe/Dublin), Israel Standard Time (Asia/Jerusalem)"),
    ),
    ab("india standard time", "Asia/Kolkata", STD, None),
    ab("indian standard time", "Asia/Kolkata", STD, None),
    ab("china standard time", "Asia/Shanghai", STD, None),
    ab("pkt", "Asia/Karachi", STD, None),
    ab("npt", "Asia/Kathmandu", STD, None),
    ab("msk", "Europe/Moscow", STD, None),
    ab("trt", "Europe/Istanbul", STD, None),
    ab("irst", "Asia/Tehran", STD, None),
    ab(
        "gst",
        "Asia/Dubai",
        STD,
        Some("South Georgia Time (Atlantic/South_Georgia)"),
    ),
    ab("cet", "Europe/Paris", STD, None),
    ab("cest", "Europe/Paris", DST, None),
    ab("met", "Europe/Paris", STD, None),
    ab("mest", "Europe/Paris", DST, None),
    ab("central european time", "Europe/Paris", STD, None),
    ab("central european summer time", "Europe/Paris", DST, None),
    ab("eet", "Europe/Athens", STD, None),
    ab("eest", "Europe/Athens", DST, None),
    ab("eastern european time", "Europe/Athens", STD, None),
    ab("wet", "Europe/Lisbon", STD, None),
    ab("west", "Europe/Lisbon", DST, None),
    ab(
        "bst",
        "Europe/London",
        DST,
        Some("Bangladesh Standard Time (Asia/Dhaka)"),
    ),
    ab("british summer time", "Europe/London", DST, None),
    ab("uk time", "Europe/London", None, None),
    ab("london time", "Europe/London", None, None),
    ab("est", "America/New_York", STD, None),
    ab("edt", "America/New_York", DST, None),
    ab("et", "America/New_York", None, None),
    ab("eastern time", "America/New_York", None, None),
    ab("eastern standard time", "America/New_York", STD, None),
    ab("eastern daylight time", "America/New_York", DST, None),
    ab(
        "cst",
        "America/Chicago",
        STD,
        Some("China Standard Time (Asia/Shanghai), Cuba Standard Time (America/Havana)"),
    ),
    ab("cdt", "America/Chicago", DST, None),
    ab("ct", "America/Chicago", None, None),
    ab("central time", "America/Chicago", None, None),
    ab("mst", "America/Denver", STD, None),
    ab("mdt", "America/Denver", DST, None),
    ab("mt", "America/Denver", None, None),
    ab("mountain time", "America/Denver", None, None),
    ab("pdt", "America/Los_Angeles", DST, None),
    ab("pt", "America/Los_Angeles", None, None),
    ab("pacific time", "America/Los_Angeles", None, None),
    ab("pacific standard time", "America/Los_Angeles", STD, None),
    ab("pacific daylight time", "America/Los_Angeles", DST, None),
    ab("akst", "America/Anchorage", STD, None),
    ab("akdt", "America/Anchorage", DST, None),
    ab("hst", "Pacific/Honolulu", STD, None),
    ab(
        "ast",
        "America/Halifax",
        STD,
        Some("Arabia Standard Time (Asia/Riyadh)"),
    ),
    ab("adt", "America/Halifax", DST, None),
    ab("nst", "America/St_Johns", STD, None),
    ab("ndt", "America/St_Johns", DST, None),
    ab("brt", "America/Sao_Paulo", STD, None),
    ab("art", "America/Argentina/Buenos_Aires", STD, None),
    ab("aest", "Australia/Sydney", STD, None),
    ab("aedt", "Australia/Sydney", DST, None),
    ab("acst", "Australia/Adelaide", STD, None),
    ab("acdt", "Australia/Adelaide", DST, None),
    ab("awst", "Australia/Perth", STD, None),
    ab("nzst", "Pacific/Auckland", STD, None),
    ab("nzdt", "Pacific/Auckland", DST, None),
    ab("sast", "Africa/Johannesburg", STD, None),
    ab("eat", "Africa/Nairobi", STD, None),
    ab("cat", "Africa/Maputo", STD, None),
    ab("wat", "Africa/Lagos", STD, None),
];

/// How a place was resolved; decides which diagnostics its use needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    /// A city or country of the table.
    Table,
    /// The last component of a zone id in the database.
    Database,
    /// A zone abbreviation or zone name; `dst` as in [`Abbrev`], `also` the
    /// other readings of an ambiguous abbreviation.
    Abbreviation {
        dst: Option<bool>,
        also: Option<&'static str>,
    },
    /// A written UTC offset ("GMT+9", "UTC+09:00", "UTC").
    Offset,
}

/// A place resolved to a zone.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub tz: TimeZone,
    /// IANA id; None for a fixed offset that no `Etc/GMT` zone names.
    pub id: Option<String>,
    pub source: Source,
}

/// Lower case, diacritics removed, inner whitespace collapsed, curly
/// apostrophes straightened.
pub(crate) fn fold(s: &str) -> String {
    let stripped: String = s
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '\u{2019}' { '\'' } else { c })
        .collect();
    stripped.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

static CITY_MAP: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| CITIES.iter().copied().collect());

/// Last component of region zone ids ("new york" -> America/New_York). When
/// several ids share a city (a link and its target), the longer id wins: the
/// canonical ids are the ones with a country level (`America/Argentina/...`).
static DB_CITIES: LazyLock<HashMap<String, String>> = LazyLock::new(|| {
    const REGIONS: &[&str] = &[
        "Africa/",
        "America/",
        "Antarctica/",
        "Asia/",
        "Atlantic/",
        "Australia/",
        "Europe/",
        "Indian/",
        "Pacific/",
    ];
    let mut names: Vec<String> = DB.available().map(|n| n.as_str().to_string()).collect();
    names.sort();
    let mut map: HashMap<String, String> = HashMap::new();
    for id in names {
        if !REGIONS.iter().any(|r| id.starts_with(r)) {
            continue;
        }
        let Some(last) = id.rsplit('/').next() else { continue };
        // Legacy region links ("Australia/West", "America/North_Dakota/Center")
        // are not places anyone writes a time for.
        if GENERIC_COMPONENTS.contains(&last) {
            continue;
        }
        let key = fold(&last.replace('_', " "));
        let better = match map.get(&key) {
            Some(old) => id.len() > old.len(),
            None => true,
        };
        if better {
            map.insert(key, id);
        }
    }
    map
});

/// Last components of zone ids that are directions or generic words.
const GENERIC_COMPONENTS: &[&str] = &[
    "North", "South", "East", "West", "Central", "Eastern", "Western", "Mountain", "Pacific", "Atlantic", "Center",
    "Samoa",
];

static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:gmt|utc)\s*)?([+\-\u{2212}])\s*(\d{1,2})(?:[:.h]?(\d{2}))?$").expect("valid regex")
});
static UTC_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:gmt|utc|z|coordinated universal time|greenwich mean time)$").expect("valid regex")
});

/// A zone by IANA id from the bundled database.
pub(crate) fn zone(id: &str) -> Option<TimeZone> {
    DB.get(id).ok()
}

fn by_id(id: &str, source: Source) -> Option<Resolved> {
    let tz = zone(id)?;
    Some(Resolved {
        tz,
        id: Some(id.to_string()),
        source,
    })
}

/// A written UTC offset ("GMT+9", "UTC+09:00", "+0530", "UTC") as a fixed zone.
fn offset_zone(place: &str) -> Option<Resolved> {
    let p = place.trim();
    if UTC_ALONE.is_match(p) {
        return by_id("Etc/UTC", Source::Offset);
    }
    let caps = OFFSET.captures(p)?;
    let negative = caps.get(1).is_some_and(|m| m.as_str() != "+");
    let hours: i32 = caps.get(2)?.as_str().parse().ok()?;
    let minutes: i32 = caps.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    let secs = (hours * 3600 + minutes * 60) * if negative { -1 } else { 1 };
    let offset = Offset::from_seconds(secs).ok()?;
    // The IANA `Etc/GMT` zones have inverted signs: UTC+9 is `Etc/GMT-9`.
    let id = if minutes == 0 && hours != 0 {
        let name = format!("Etc/GMT{}{}", if negative { '+' } else { '-' }, hours);
        zone(&name).map(|_| name)
    } else if hours == 0 && minutes == 0 {
        Some("Etc/UTC".to_string())
    } else {
        None
    };
    Some(Resolved {
        tz: TimeZone::fixed(offset),
        id,
        source: Source::Offset,
    })
}

/// Words that say "the time of this place" and carry no place themselves.
fn strip_time_words(folded: &str) -> &str {
    let mut s = folded.trim();
    for suffix in [" local time", " local", " time"] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = rest.trim_end();
            break;
        }
    }
    s
}

/// Resolves a place as written ("Tokyo", "New York", "JST", "GMT+9",
/// "Tokyo time", "Geneva") to a zone; None when nothing matches.
pub(crate) fn resolve(place: &str) -> Option<Resolved> {
    let folded = fold(
        place
            .trim()
            .trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '.' | ':')),
    );
    if folded.is_empty() {
        return None;
    }
    if let Some(r) = offset_zone(&folded) {
        return Some(r);
    }
    // A one-word abbreviation counts only in capitals: "WEST" is a zone,
    // "West" is not; "CAT", "EAT", "ART" likewise.
    let first_word = place.split_whitespace().next().unwrap_or("");
    let capitals = first_word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    for key in [folded.as_str(), strip_time_words(&folded)] {
        if let Some(a) = ABBREVS
            .iter()
            .find(|a| a.key == key && (capitals || a.key.contains(' ')))
        {
            return by_id(
                a.zone,
                Source::Abbreviation {
                    dst: a.dst,
                    also: a.also,
                },
            );
        }
        if let Some(r) = offset_zone(key) {
            return Some(r);
        }
        if let Some(id) = CITY_MAP.get(key) {
            return by_id(id, Source::Table);
        }
        if let Some(id) = DB_CITIES.get(key) {
            return by_id(id, Source::Database);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(place: &str) -> Option<String> {
        resolve(place).and_then(|r| r.id)
    }

    #[test]
    fn every_table_zone_is_in_the_bundled_database() {
        for (city, z) in CITIES {
            assert!(zone(z).is_some(), "{city} -> {z}");
        }
        for a in ABBREVS {
            assert!(zone(a.zone).is_some(), "{} -> {}", a.key, a.zone);
        }
    }

    #[test]
    fn table_cities_resolve() {
        assert_eq!(id("Geneva").as_deref(), Some("Europe/Zurich"));
        assert_eq!(id("Kyoto").as_deref(), Some("Asia/Tokyo"));
        assert_eq!(id("Washington, D.C.").as_deref(), Some("America/New_York"));
        assert_eq!(id("Genève").as_deref(), Some("Europe/Zurich"));
    }

    #[test]
    fn database_city_names_are_the_fallback() {
        let r = resolve("New York").expect("resolves");
        assert_eq!(r.id.as_deref(), Some("America/New_York"));
        assert_eq!(r.source, Source::Database);
        assert_eq!(id("Tokyo").as_deref(), Some("Asia/Tokyo"));
        assert_eq!(id("paris").as_deref(), Some("Europe/Paris"));
        assert_eq!(id("Buenos Aires").as_deref(), Some("America/Argentina/Buenos_Aires"));
        assert_eq!(id("Port-au-Prince").as_deref(), Some("America/Port-au-Prince"));
        assert_eq!(id("São Paulo").as_deref(), Some("America/Sao_Paulo"));
    }

    #[test]
    fn time_words_are_ignored() {
        assert_eq!(id("Tokyo time").as_deref(), Some("Asia/Tokyo"));
        assert_eq!(id("New York local time").as_deref(), Some("America/New_York"));
        assert_eq!(id("Japan Standard Time").as_deref(), Some("Asia/Tokyo"));
    }

    #[test]
    fn abbreviations_and_their_ambiguity() {
        let jst = resolve("JST").expect("JST");
        assert_eq!(jst.id.as_deref(), Some("Asia/Tokyo"));
        assert!(matches!(
            jst.source,
            Source::Abbreviation {
                dst: Some(false),
                also: None
            }
        ));
        let ist = resolve("IST").expect("IST");
        assert!(matches!(ist.source, Source::Abbreviation { also: Some(_), .. }));
        assert_eq!(id("CEST").as_deref(), Some("Europe/Paris"));
        assert_eq!(id("EDT").as_deref(), Some("America/New_York"));
        assert_eq!(id("JST time").as_deref(), Some("Asia/Tokyo"));
        assert_eq!(id("eat"), None);
        assert_eq!(id("Japan Standard Time").as_deref(), Some("Asia/Tokyo"));
    }

    #[test]
    fn offsets_become_fixed_zones() {
        assert_eq!(id("GMT+9").as_deref(), Some("Etc/GMT-9"));
        assert_eq!(id("UTC+09:00").as_deref(), Some("Etc/GMT-9"));
        assert_eq!(id("UTC-5").as_deref(), Some("Etc/GMT+5"));
        assert_eq!(id("UTC").as_deref(), Some("Etc/UTC"));
        let india = resolve("UTC+05:30").expect("offset");
        assert_eq!(india.id, None);
        assert_eq!(india.tz.to_fixed_offset().map(|o| o.seconds()).ok(), Some(19800));
        assert!(resolve("UTC+25").is_none());
    }

    #[test]
    fn unknown_places_do_not_resolve() {
        assert!(resolve("West").is_none());
        assert!(resolve("Center").is_none());
        assert_eq!(id("Samoa").as_deref(), Some("Pacific/Apia"));
        assert!(resolve("Atlantis").is_none());
        assert!(resolve("").is_none());
        assert!(resolve("the seminar room").is_none());
    }
}
