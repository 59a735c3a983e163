// The metro table behind `city:` and `country:` of a client population. Generated from
// CloudFront's published edge locations as collected in github.com/tobilg/aws-edge-locations
// (MIT licence, data/aws-edge-locations.csv of 2024-02-24): IATA code, city, ISO 3166-1 country
// code, airport coordinates and the number of POPs AWS listed in the metro. Keep this attribution.

#include "core/config/places.h"

#include <algorithm>
#include <iterator>

#include "core/http/headers.h"

namespace cdnsim::core::config {

namespace {

constexpr Metro kMetros[] = {
    {"IAD", "Washington", "US", 38.94449997, -77.45580292, 23},
    {"ORD", "Chicago", "US", 41.978611, -87.904722, 26},
    {"JFK", "New York", "US", 40.639801, -73.7789, 13},
    {"ATL", "Atlanta", "US", 33.6367, -84.428101, 25},
    {"LAX", "Los Angeles", "US", 33.942501, -118.407997, 16},
    {"MIA", "Miami", "US", 25.79319953918457, -80.29060363769531, 13},
    {"DFW", "Dallas-Fort Worth", "US", 32.896801, -97.038002, 23},
    {"IAH", "Houston", "US", 29.984399795532227, -95.34140014648438, 8},
    {"SFO", "San Francisco", "US", 37.61899948120117, -122.375, 12},
    {"BOS", "Boston", "US", 42.36429977, -71.00520325, 7},
    {"DEN", "Denver", "US", 39.861698150635, -104.672996521, 6},
    {"HIO", "Portland", "US", 45.540394, -122.949825, 5},
    {"SEA", "Seattle", "US", 47.448889, -122.309444, 9},
    {"MSP", "Minneapolis", "US", 44.882, -93.221802, 4},
    {"PHX", "Phoenix", "US", 33.43429946899414, -112.01200103759766, 3},
    {"PHL", "Philadelphia", "US", 39.87189865112305, -75.24109649658203, 2},
    {"SLC", "Salt Lake City", "US", 40.78839874267578, -111.97799682617188, 2},
    {"BNA", "Nashville", "US", 36.1245002746582, -86.6781997680664, 2},
    {"DTW", "Detroit", "US", 42.212398529052734, -83.35340118408203, 2},
    {"TPA", "Tampa", "US", 27.975500106811523, -82.533203125, 2},
    {"EWR", "Newark", "US", 40.692501068115234, -74.168701171875, 9},
    {"CMH", "Columbus", "US", 39.998001, -82.891899, 5},
    {"MCI", "Kansas City", "US", 39.2976, -94.713898, 2},
    {"PIT", "Pittsburgh", "US", 40.49150085, -80.23290253, 2},
    {"QRO", "Queretaro", "MX", 20.6173, -100.185997, 7},
    {"YTO", "Toronto", "CA", 43.6772003174, -79.63059997559999, 5},
    {"YUL", "Montreal", "CA", 45.470556, -73.740833, 4},
    {"YVR", "Vancouver", "CA", 49.193901062, -123.183998108, 1},
    {"FRA", "Frankfurt am Main", "DE", 50.033333, 8.570556, 18},
    {"DUS", "Düsseldorf", "DE", 51.289501, 6.76678, 5},
    {"HAM", "Hamburg", "DE", 53.630401611328, 9.9882297515869, 6},
    {"MUC", "Munich", "DE", 48.353802, 11.7861, 5},
    {"TXL", "Berlin", "DE", 52.559722, 13.287778, 5},
    {"CDG", "Paris", "FR", 49.012798, 2.55, 13},
    {"MRS", "Marseille", "FR", 43.439271922, 5.22142410278, 8},
    {"MXP", "Milan", "IT", 45.6306, 8.72811, 12},
    {"FCO", "Rome", "IT", 41.8002778, 12.2388889, 7},
    {"PMO", "Palermo", "IT", 38.175999, 13.091, 1},
    {"AMS", "Amsterdam", "NL", 52.308601, 4.76389, 12},
    {"MAN", "Manchester", "GB", 53.35369873046875, -2.2749500274658203, 6},
    {"LHR", "London", "GB", 51.4775, -0.461389, 32},
    {"DUB", "Dublin", "IE", 53.421299, -6.27007, 3},
    {"VIE", "Vienna", "AT", 48.110298156738, 16.569700241089, 4},
    {"ARN", "Stockholm", "SE", 59.651901245117, 17.918600082397, 4},
    {"CPH", "Copenhagen", "DK", 55.617900848389, 12.656000137329, 3},
    {"HEL", "Helsinki", "FI", 60.317199707031, 24.963300704956, 5},
    {"ATH", "Athens", "GR", 37.9364013672, 23.9444999695, 1},
    {"BRU", "Brussels", "BE", 50.901401519800004, 4.48443984985, 1},
    {"BUD", "Budapest", "HU", 47.42976, 19.261093, 3},
    {"LIS", "Lisbon", "PT", 38.7813, -9.13592, 2},
    {"OSL", "Oslo", "NO", 60.193901062012, 11.100399971008, 2},
    {"OTP", "Bucharest", "RO", 44.5711111, 26.085, 3},
    {"PRG", "Prague", "CZ", 50.1008, 14.26, 1},
    {"SOF", "Sofia", "BG", 42.696693420410156, 23.411436080932617, 3},
    {"WAW", "Warsaw", "PL", 52.165833, 20.967222, 4},
    {"ZAG", "Zagreb", "HR", 45.7429008484, 16.0687999725, 1},
    {"ZRH", "Zurich", "CH", 47.464699, 8.54917, 2},
    {"BCN", "Barcelona", "ES", 41.2971, 2.07846, 2},
    {"MAD", "Madrid", "ES", 40.471926, -3.56264, 10},
    {"IST", "Istanbul", "TR", 41.262222, 28.727778, 2},
    {"DEL", "New Delhi", "IN", 28.5665, 77.103104, 16},
    {"MAA", "Chennai", "IN", 12.990005493164062, 80.16929626464844, 8},
    {"BOM", "Mumbai", "IN", 19.0886993408, 72.8678970337, 13},
    {"PNQ", "Pune", "IN", 18.58209991455078, 73.9197006225586, 4},
    {"BLR", "Bangalore", "IN", 13.1979, 77.706299, 5},
    {"HYD", "Hyderabad", "IN", 17.231318, 78.429855, 9},
    {"SIN", "Singapore", "SG", 1.35019, 103.994003, 7},
    {"KIX", "Osaka", "JP", 34.42729949951172, 135.24400329589844, 8},
    {"NRT", "Tokyo", "JP", 35.764702, 140.386002, 26},
    {"TPE", "Taoyuan", "TW", 25.0777, 121.233002, 3},
    {"ICN", "Seoul", "KR", 37.46910095214844, 126.45099639892578, 8},
    {"BKK", "Bangkok", "TH", 13.689999, 100.750114, 4},
    {"CCU", "Kolkata", "IN", 22.654699325561523, 88.44670104980469, 5},
    {"CGK", "Jakarta", "ID", -6.1255698204, 106.65599823, 7},
    {"KUL", "Kuala Lumpur", "MY", 2.745579957962, 101.70999908447, 4},
    {"MNL", "Manila", "PH", 14.5086, 121.019997, 3},
    {"HAN", "Hanoi", "VN", 21.221200942993164, 105.80699920654297, 2},
    {"SGN", "Ho Chi Minh City", "VN", 10.8187999725, 106.652000427, 2},
    {"SYD", "Sydney", "AU", -33.94609832763672, 151.177001953125, 4},
    {"AKL", "Auckland", "NZ", -37.008098602299995, 174.792007446, 2},
    {"MEL", "Melbourne", "AU", -37.673302, 144.843002, 4},
    {"PER", "Perth", "AU", -31.94029998779297, 115.96700286865234, 1},
    {"BNE", "Brisbane", "AU", -27.384199142456055, 153.11700439453125, 2},
    {"GRU", "Sao Paulo", "BR", -23.435556, -46.473056, 13},
    {"GIG", "Rio De Janeiro", "BR", -22.8099994659, -43.2505569458, 6},
    {"FOR", "Fortaleza", "BR", -3.776279926300049, -38.53260040283203, 4},
    {"BOG", "Bogota", "CO", 4.70159, -74.1469, 3},
    {"EZE", "Buenos Aires", "AR", -34.8222, -58.5358, 6},
    {"SCL", "Santiago", "CL", -33.393001556396484, -70.78579711914062, 6},
    {"LIM", "Lima", "PE", -12.0219, -77.114305, 2},
    {"TLV", "Tel Aviv", "IL", 32.01139831542969, 34.88669967651367, 2},
    {"BAH", "Manama", "BH", 26.27079963684082, 50.63359832763672, 3},
    {"DXB", "Dubai", "AE", 25.2527999878, 55.3643989563, 4},
    {"FJR", "Fujairah", "AE", 25.112222, 56.324167, 1},
    {"MCT", "Muscat", "OM", 23.593299865722656, 58.284400939941406, 2},
    {"CPT", "Cape Town", "ZA", -33.9648017883, 18.6016998291, 1},
    {"JNB", "Johannesburg", "ZA", -26.1392, 28.246, 1},
    {"NBO", "Nairobi", "KE", -1.31923997402, 36.9277992249, 1},
    {"LOS", "Lagos", "NG", 6.5773701667785645, 3.321160078048706, 1},
    {"PVG", "Shanghai", "CN", 31.143400192260742, 121.80500030517578, 1},
    {"SZX", "Shenzhen", "CN", 22.639299392700195, 113.81099700927734, 1},
    {"ZHY", "Zhongwei", "CN", 37.572778, 105.154444, 1},
    {"PEK", "Beijing", "CN", 40.080101013183594, 116.58499908447266, 1},
    {"HKG", "Hong Kong", "HK", 22.308901, 113.915001, 4},
};

}  // namespace

std::span<const Metro> metros() { return {kMetros, std::size(kMetros)}; }

const Metro* findMetro(std::string_view cityOrCode) {
  for (const auto& m : kMetros) {
    if (m.code == cityOrCode || http::equalsIgnoreCase(m.city, cityOrCode)) return &m;
  }
  return nullptr;
}

const Metro* countryMetro(std::string_view countryCode) {
  const Metro* best = nullptr;
  for (const auto& m : kMetros) {
    if (!http::equalsIgnoreCase(m.countryCode, countryCode)) continue;
    if (best == nullptr || m.pops > best->pops) best = &m;  // the first of equals: table order
  }
  return best;
}

}  // namespace cdnsim::core::config
