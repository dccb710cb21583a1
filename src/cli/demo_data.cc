// The demo business's data, written out rather than generated, so every run creates the same
// catalog and customers in the same order (and so with the same storage ids).
//
// Items come in families: one base name and price with variants (colours, sizes, models)
// that add a SKU suffix and a name suffix. Each group of families is one product category in
// one aisle of the warehouse; a family takes the next bay, its variants the shelves 1 to 4
// (then the next bay), so a pick list walks family by family. Services have a category and no
// location. A few goods then get stock tracking with low stock
// and either backorder policy, and last year's diary is inactive, so every catalog rule has
// something to show. Customers are written one per row; phone numbers keep the many ways
// people type them, and SeedDemo normalizes them through the PhoneNumbers port. E-mail
// addresses use the reserved ".example" top-level domain, so no mail can reach a real person.

#include "cli/demo_data.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/catalog_rules.h"
#include "core/code.h"
#include "core/customer_rules.h"
#include "core/ids.h"
#include "core/invariant.h"

namespace commesso {
namespace {

struct Variant {
  const char* sku;  // Appended to the family's SKU with a dash.
  const char* it;   // Appended to the family's names with ", ".
  const char* en;
};

constexpr Variant kColours[] = {{"BL", "blu", "blue"},
                                {"NE", "nero", "black"},
                                {"RO", "rosso", "red"},
                                {"VE", "verde", "green"}};

constexpr Variant kHighlighterColours[] = {
    {"GI", "giallo", "yellow"},    {"VE", "verde", "green"},        {"RS", "rosa", "pink"},
    {"AR", "arancione", "orange"}, {"AZ", "azzurro", "light blue"}, {"VI", "viola", "purple"}};

constexpr Variant kPaperColours[] = {{"GI", "giallo", "yellow"},
                                     {"AZ", "azzurro", "light blue"},
                                     {"VE", "verde", "green"},
                                     {"RS", "rosa", "pink"},
                                     {"AR", "arancione", "orange"}};

class CatalogBuilder {
 public:
  // Items added from now on are of product `category` and stored in `aisle`, from bay 01.
  void Aisle(std::string category, std::string aisle) {
    category_ = std::move(category);
    aisle_ = std::move(aisle);
    bay_ = 0;
  }

  // Items added from now on are of product `category`, in the same aisle.
  void Category(std::string category) { category_ = std::move(category); }

  // Stores the good `sku` at `location` instead of its bay (bulk goods, the counter).
  void Place(const std::string& sku, Code location) { Find(sku).location = location; }

  // One item of each variant: SKU and names get the variant's suffix.
  template <std::size_t N>
  void Goods(const std::string& sku, const std::string& it, const std::string& en,
             std::int64_t cents, std::int64_t grams, const Variant (&variants)[N],
             const std::string& unit = "piece", const std::string& category = "standard") {
    ++bay_;
    int shelf = 0;
    for (const Variant& variant : variants) {
      if (shelf == kShelvesPerBay) {
        ++bay_;
        shelf = 0;
      }
      Add(sku + "-" + variant.sku, it + ", " + variant.it, en + ", " + variant.en, ItemKind::kGood,
          unit, cents, category, grams, Location(++shelf));
    }
  }

  // One item without variants.
  void Good(const std::string& sku, const std::string& it, const std::string& en,
            std::int64_t cents, std::int64_t grams, const std::string& unit = "piece",
            const std::string& category = "standard") {
    ++bay_;
    Add(sku, it, en, ItemKind::kGood, unit, cents, category, grams, Location(1));
  }

  void Service(const std::string& sku, const std::string& it, const std::string& en,
               std::int64_t cents, const std::string& unit) {
    Add(sku, it, en, ItemKind::kService, unit, cents, "standard", 0, "");
  }

  // Tracks stock of the good `sku` with `on_hand` units and `policy`.
  void Stock(const std::string& sku, std::int64_t on_hand, BackorderPolicy policy) {
    Item& item = Find(sku);
    item.track_stock = true;
    item.stock_on_hand = on_hand;
    item.backorder_policy = policy;
  }

  void Deactivate(const std::string& sku) { Find(sku).active = false; }

  std::vector<Item> Take() { return std::move(items_); }

 private:
  static constexpr int kShelvesPerBay = 4;

  // "A-03-2": aisle, bay (two digits), shelf.
  std::string Location(int shelf) const {
    return aisle_ + (bay_ < 10 ? "-0" : "-") + std::to_string(bay_) + "-" + std::to_string(shelf);
  }

  void Add(std::string sku, std::string it, std::string en, ItemKind kind, Code unit,
           std::int64_t cents, Code tax_category, std::int64_t grams, Code location) {
    items_.push_back(Item{.sku = std::move(sku),
                          .name = {.it = std::move(it), .en = std::move(en)},
                          .kind = kind,
                          .unit = unit,
                          .unit_price = Money(cents, kEur),
                          .tax_category = tax_category,
                          .weight_grams = grams,
                          .category = category_,
                          .location = location});
  }

  Item& Find(const std::string& sku) {
    auto found = std::find_if(items_.begin(), items_.end(),
                              [&](const Item& item) { return item.sku == sku; });
    COMMESSO_INVARIANT(found != items_.end(), "the demo data names a SKU it does not define");
    return *found;
  }

  std::vector<Item> items_;
  std::string category_;
  std::string aisle_;
  int bay_ = 0;
};

void AddWritingInstruments(CatalogBuilder& catalog) {
  catalog.Aisle("writing", "A");
  catalog.Goods("PEN-SFERA", "Penna a sfera punta media", "Ballpoint pen, medium point", 35, 6,
                kColours);
  catalog.Goods("PEN-GEL", "Penna gel 0,7 mm", "Gel pen 0.7 mm", 120, 9, kColours);
  catalog.Goods("PEN-ROLLER", "Penna roller inchiostro liquido", "Liquid ink rollerball pen", 180,
                10, {{"BL", "blu", "blue"}, {"NE", "nero", "black"}, {"RO", "rosso", "red"}});
  catalog.Good("PEN-STILO", "Penna stilografica in acciaio", "Steel fountain pen", 1290, 28);
  catalog.Good("PEN-CART", "Cartucce per stilografica, blu (6 pezzi)",
               "Fountain pen cartridges, blue (pack of 6)", 190, 8, "pack");
  catalog.Goods("EVID", "Evidenziatore punta a scalpello", "Chisel tip highlighter", 95, 14,
                kHighlighterColours);
  catalog.Goods("MAT-GRAF", "Matita in grafite", "Graphite pencil", 40, 5,
                {{"HB", "HB", "HB"}, {"2B", "2B", "2B"}, {"B", "B", "B"}, {"2H", "2H", "2H"}});
  catalog.Good("MAT-PORTAMINE", "Portamine 0,5 mm", "Mechanical pencil 0.5 mm", 350, 11);
  catalog.Good("MAT-MINE", "Mine HB 0,5 mm (12 pezzi)", "HB leads 0.5 mm (pack of 12)", 110, 4,
               "pack");
  catalog.Goods("MARC-PERM", "Marcatore permanente punta tonda", "Permanent marker, round tip", 130,
                16, kColours);
  catalog.Goods("MARC-LAV", "Marcatore per lavagna bianca", "Whiteboard marker", 140, 17, kColours);
  catalog.Goods("MAT-COL", "Matite colorate", "Colouring pencils", 390, 180,
                {{"12", "12 colori", "12 colours"},
                 {"24", "24 colori", "24 colours"},
                 {"36", "36 colori", "36 colours"}},
                "box");
  catalog.Goods("PENNARELLI", "Pennarelli punta fine", "Fine tip felt pens", 290, 150,
                {{"12", "12 colori", "12 colours"}, {"24", "24 colori", "24 colours"}}, "box");
  catalog.Good("GOMMA", "Gomma bianca in vinile", "White vinyl eraser", 45, 20);
  catalog.Good("TEMPERINO", "Temperamatite con serbatoio", "Pencil sharpener with container", 120,
               25);
  catalog.Good("CORR-NASTRO", "Correttore a nastro 5 mm x 8 m", "Correction tape 5 mm x 8 m", 210,
               22);
  catalog.Good("CORR-FLUIDO", "Correttore fluido a penna", "Correction pen", 180, 15);
}

void AddPaper(CatalogBuilder& catalog) {
  catalog.Aisle("paper", "B");
  catalog.Goods("CARTA", "Risma carta", "Paper ream", 420, 2500,
                {{"A4-80", "A4 80 g, 500 fogli", "A4 80 gsm, 500 sheets"},
                 {"A4-90", "A4 90 g, 500 fogli", "A4 90 gsm, 500 sheets"},
                 {"A3-80", "A3 80 g, 500 fogli", "A3 80 gsm, 500 sheets"},
                 {"A4-80-RIC", "A4 80 g riciclata, 500 fogli", "A4 80 gsm recycled, 500 sheets"}},
                "ream");
  catalog.Goods("CARTA-COL", "Risma carta colorata A4 80 g, 500 fogli",
                "Coloured paper ream A4 80 gsm, 500 sheets", 790, 2500, kPaperColours, "ream");
  catalog.Goods("CARTONCINO", "Cartoncino A4 160 g, 250 fogli", "Card A4 160 gsm, 250 sheets", 990,
                2600, {{"BI", "bianco", "white"}, {"AV", "avorio", "ivory"}}, "pack");
  catalog.Good("CARTA-FOTO", "Carta fotografica lucida A4, 50 fogli",
               "Glossy photo paper A4, 50 sheets", 1450, 1000, "pack");
  catalog.Good("CARTA-A4-80-SCATOLA", "Scatola 5 risme carta A4 80 g",
               "Box of 5 reams A4 80 gsm paper", 1990, 12700, "box");
  catalog.Good("CARTA-A4-80-BANCALE", "Bancale 240 risme carta A4 80 g",
               "Pallet of 240 reams A4 80 gsm paper", 89000, 620000, "pallet");
  catalog.Place("CARTA-A4-80-BANCALE", "BULK-01");  // Pallets stand in the bulk area.
}

void AddNotebooks(CatalogBuilder& catalog) {
  catalog.Aisle("notebooks", "C");
  const Variant rulings[] = {{"R", "a righe", "ruled"},
                             {"Q5", "a quadretti 5 mm", "5 mm squared"},
                             {"Q4", "a quadretti 4 mm", "4 mm squared"},
                             {"BI", "bianco", "plain"}};
  catalog.Goods("QUAD-A4", "Quaderno A4 80 g, 40 fogli", "A4 exercise book 80 gsm, 40 sheets", 150,
                210, rulings);
  catalog.Goods("QUAD-A5", "Quaderno A5 80 g, 40 fogli", "A5 exercise book 80 gsm, 40 sheets", 95,
                110, rulings);
  catalog.Goods("BLOCCO-SPIR", "Blocco spiralato a quadretti, 80 fogli",
                "Spiral notepad, squared, 80 sheets", 260, 380,
                {{"A4", "A4", "A4"}, {"A5", "A5", "A5"}});
  catalog.Goods(
      "NOTE-ADES", "Foglietti adesivi", "Sticky notes", 180, 90,
      {{"76-GI", "76x76 mm gialli, 100 fogli", "76x76 mm yellow, 100 sheets"},
       {"76-ASS", "76x76 mm colori assortiti, 100 fogli", "76x76 mm assorted colours, 100 sheets"},
       {"38-GI", "38x51 mm gialli, 3 blocchetti", "38x51 mm yellow, 3 pads"}},
      "pack");
  catalog.Goods("AGENDA-2026", "Agenda 2026", "2026 diary", 1290, 450,
                {{"G", "giornaliera", "day per page"}, {"S", "settimanale", "week to view"}});
  catalog.Good("AGENDA-2025", "Agenda 2025 giornaliera", "2025 diary, day per page", 990, 450);
  catalog.Good("RUBRICA", "Rubrica telefonica A5", "A5 address book", 590, 260);
}

void AddFiling(CatalogBuilder& catalog) {
  catalog.Aisle("filing", "D");
  catalog.Goods("RACC-5", "Raccoglitore ad anelli dorso 5 cm", "Lever arch file, 5 cm spine", 290,
                520, kColours);
  catalog.Goods("RACC-8", "Raccoglitore ad anelli dorso 8 cm", "Lever arch file, 8 cm spine", 320,
                640, kColours);
  catalog.Good("CART-SOSP", "Cartelle sospese per cassetto (25 pezzi)",
               "Suspension files for drawers (pack of 25)", 1690, 1400, "box");
  catalog.Goods("CARTELLINA-EL", "Cartellina con elastico A4", "A4 elastic folder", 110, 85,
                kColours);
  catalog.Goods("BUSTE-FOR", "Buste a perforazione A4 (100 pezzi)",
                "A4 punched pockets (pack of 100)", 390, 520,
                {{"LISCE", "lisce", "clear"}, {"BUCCIA", "goffrate", "embossed"}}, "pack");
  catalog.Goods("PORTALISTINI", "Portalistini A4", "A4 display book", 290, 260,
                {{"20", "20 buste", "20 pockets"},
                 {"40", "40 buste", "40 pockets"},
                 {"60", "60 buste", "60 pockets"}});
  catalog.Goods("SCATOLA-ARCH", "Scatola archivio", "Archive box", 240, 380,
                {{"8", "dorso 8 cm", "8 cm spine"},
                 {"10", "dorso 10 cm", "10 cm spine"},
                 {"15", "dorso 15 cm", "15 cm spine"}});
  catalog.Goods("DIVISORI", "Divisori per raccoglitore A4", "A4 file dividers", 230, 120,
                {{"1-12", "numerici 1-12", "numbered 1-12"}, {"A-Z", "alfabetici A-Z", "A-Z"}});
  catalog.Good("CLASSIF-SOFF", "Classificatore a soffietto 12 scomparti",
               "12-pocket expanding file", 890, 420);
}

void AddEnvelopesAndLabels(CatalogBuilder& catalog) {
  catalog.Aisle("mailing", "E");
  catalog.Goods("BUSTE-COMM", "Buste commerciali 11x23 cm (500 pezzi)",
                "DL envelopes 11x23 cm (box of 500)", 1290, 2400,
                {{"FIN", "con finestra", "window"}, {"SENZA", "senza finestra", "plain"}}, "box");
  catalog.Goods("BUSTE-SACCO", "Buste a sacco 23x33 cm (250 pezzi)",
                "C4 envelopes 23x33 cm (box of 250)", 1890, 4300,
                {{"BI", "bianche", "white"}, {"AV", "avana", "manila"}}, "box");
  catalog.Goods(
      "BUSTE-IMB", "Buste imbottite a bolle (10 pezzi)", "Padded bubble envelopes (pack of 10)",
      490, 300,
      {{"C", "18x26 cm", "18x26 cm"}, {"E", "23x33 cm", "23x33 cm"}, {"H", "29x37 cm", "29x37 cm"}},
      "pack");
  catalog.Goods("ETICH-A4", "Etichette adesive A4 (100 fogli)", "A4 adhesive labels (100 sheets)",
                1190, 900,
                {{"1", "1 per foglio", "1 per sheet"},
                 {"8", "8 per foglio", "8 per sheet"},
                 {"14", "14 per foglio", "14 per sheet"},
                 {"21", "21 per foglio", "21 per sheet"},
                 {"24", "24 per foglio", "24 per sheet"},
                 {"65", "65 per foglio", "65 per sheet"}},
                "box");
  catalog.Good("ETICH-TERM", "Rotolo etichette termiche 100x150 mm (500 pezzi)",
               "Thermal shipping labels 100x150 mm (roll of 500)", 1590, 850, "roll");
}

void AddPrinterSupplies(CatalogBuilder& catalog) {
  catalog.Aisle("toner", "F");
  catalog.Goods(
      "TONER", "Toner nero compatibile", "Compatible black toner", 3490, 900,
      {{"HP26A", "per HP LaserJet Pro M402 (26A)", "for HP LaserJet Pro M402 (26A)"},
       {"HP26X", "alta capacità per HP LaserJet Pro M402 (26X)",
        "high yield for HP LaserJet Pro M402 (26X)"},
       {"TN2420", "per Brother HL-L2350 (TN-2420)", "for Brother HL-L2350 (TN-2420)"},
       {"TK1150", "per Kyocera ECOSYS M2135 (TK-1150)", "for Kyocera ECOSYS M2135 (TK-1150)"},
       {"CRG052", "per Canon i-SENSYS MF421 (052)", "for Canon i-SENSYS MF421 (052)"}});
  catalog.Goods("TONER-HP207A", "Toner compatibile per HP Color LaserJet M282 (207A)",
                "Compatible toner for HP Color LaserJet M282 (207A)", 4290, 700,
                {{"K", "nero", "black"},
                 {"C", "ciano", "cyan"},
                 {"M", "magenta", "magenta"},
                 {"Y", "giallo", "yellow"}});
  catalog.Category("ink");
  catalog.Goods("CARTUCCIA", "Cartuccia inchiostro", "Ink cartridge", 1890, 60,
                {{"HP302-K", "HP 302 nero", "HP 302 black"},
                 {"HP302-C", "HP 302 tricromia", "HP 302 tri-colour"},
                 {"PG545", "Canon PG-545 nero", "Canon PG-545 black"},
                 {"CL546", "Canon CL-546 colore", "Canon CL-546 colour"},
                 {"EP603-K", "Epson 603 nero", "Epson 603 black"},
                 {"EP603-C", "Epson 603 ciano", "Epson 603 cyan"},
                 {"EP603-M", "Epson 603 magenta", "Epson 603 magenta"},
                 {"EP603-Y", "Epson 603 giallo", "Epson 603 yellow"}});
  catalog.Category("toner");
  catalog.Good("TAMBURO-DR2400", "Tamburo per Brother HL-L2350 (DR-2400)",
               "Drum unit for Brother HL-L2350 (DR-2400)", 5990, 750);
  catalog.Category("paper");
  catalog.Good("NASTRO-CALC", "Rotolo carta per calcolatrice scrivente 57 mm (10 pezzi)",
               "Printing calculator paper rolls 57 mm (pack of 10)", 650, 700, "pack");
}

void AddOfficeEquipment(CatalogBuilder& catalog) {
  catalog.Aisle("office", "G");
  catalog.Goods("CALC", "Calcolatrice", "Calculator", 1490, 180,
                {{"TAVOLO", "da tavolo 12 cifre", "12-digit desktop"},
                 {"SCIENT", "scientifica", "scientific"},
                 {"SCRIV", "scrivente", "printing"}});
  catalog.Goods("CUCITRICE", "Cucitrice", "Stapler", 890, 350,
                {{"TAVOLO", "da tavolo", "desktop"},
                 {"PINZA", "a pinza", "plier"},
                 {"ALTI", "per alti spessori", "heavy duty"}});
  catalog.Goods("PUNTI", "Punti metallici (1000 pezzi)", "Staples (box of 1000)", 90, 40,
                {{"24-6", "24/6", "24/6"}, {"26-6", "26/6", "26/6"}, {"23-10", "23/10", "23/10"}},
                "box");
  catalog.Good("LEVAPUNTI", "Levapunti", "Staple remover", 150, 30);
  catalog.Goods("PERFORATORE", "Perforatore", "Hole punch", 790, 320,
                {{"2F", "2 fori", "2-hole"}, {"4F", "4 fori", "4-hole"}});
  catalog.Goods("FORBICI", "Forbici da ufficio", "Office scissors", 290, 70,
                {{"17", "17 cm", "17 cm"}, {"21", "21 cm", "21 cm"}});
  catalog.Good("TAGLIERINO", "Taglierino con lama 18 mm", "Utility knife, 18 mm blade", 250, 60);
  catalog.Good("TAGLIERINA-A4", "Taglierina a leva A4", "A4 guillotine paper cutter", 4990, 3200);
  catalog.Goods("NASTRO-ADES", "Nastro adesivo", "Adhesive tape", 110, 60,
                {{"TRASP", "trasparente 19 mm x 33 m", "clear 19 mm x 33 m"},
                 {"INVIS", "invisibile 19 mm x 33 m", "invisible 19 mm x 33 m"},
                 {"IMB-AV", "da imballo avana 50 mm x 66 m", "brown packing 50 mm x 66 m"},
                 {"IMB-TR", "da imballo trasparente 50 mm x 66 m", "clear packing 50 mm x 66 m"}},
                "roll");
  catalog.Good("DISTRIB-NASTRO", "Dispenser da tavolo per nastro adesivo", "Desktop tape dispenser",
               690, 650);
  catalog.Goods("COLLA", "Colla", "Glue", 130, 30,
                {{"STICK20", "stick 20 g", "stick 20 g"},
                 {"STICK40", "stick 40 g", "stick 40 g"},
                 {"VINIL", "vinilica 250 g", "PVA 250 g"}});
  catalog.Goods("FERMAGLI", "Fermagli zincati (100 pezzi)", "Paper clips (box of 100)", 60, 60,
                {{"28", "28 mm", "28 mm"}, {"50", "50 mm", "50 mm"}}, "box");
  catalog.Goods("FERMACARTE", "Fermacarte a molla (12 pezzi)", "Binder clips (box of 12)", 190, 150,
                {{"19", "19 mm", "19 mm"}, {"32", "32 mm", "32 mm"}, {"51", "51 mm", "51 mm"}},
                "box");
  catalog.Good("ELASTICI", "Elastici assortiti (100 g)", "Assorted rubber bands (100 g)", 220, 105,
               "pack");
  catalog.Good("TIMBRO-DATARIO", "Timbro datario autoinchiostrante", "Self-inking date stamp", 1590,
               160);
  catalog.Good("TAMPONE", "Tampone per timbri, nero", "Stamp pad, black", 390, 90);
  catalog.Goods("LAVAGNA", "Lavagna bianca magnetica", "Magnetic whiteboard", 4990, 6500,
                {{"60X90", "60x90 cm", "60x90 cm"}, {"90X120", "90x120 cm", "90x120 cm"}});
  catalog.Good("PLASTIFICATRICE-A4", "Plastificatrice A4", "A4 laminator", 3990, 1800);
  catalog.Good("POUCHES-A4", "Pouches per plastificazione A4 (100 pezzi)",
               "A4 laminating pouches (pack of 100)", 1290, 1500, "pack");
  catalog.Good("RILEGATRICE", "Rilegatrice a spirale plastica", "Plastic comb binding machine",
               8990, 5200);
  catalog.Goods("SPIRALI", "Dorsi plastici per rilegatura (100 pezzi)",
                "Plastic binding combs (pack of 100)", 690, 600,
                {{"8", "8 mm", "8 mm"}, {"12", "12 mm", "12 mm"}, {"16", "16 mm", "16 mm"}},
                "pack");
  catalog.Good("COPERTINE-PVC", "Copertine trasparenti A4 per rilegatura (100 pezzi)",
               "Clear A4 binding covers (pack of 100)", 1190, 1900, "pack");
  catalog.Good("DISTRUGGIDOC", "Distruggidocumenti a frammenti P-4", "Cross-cut shredder P-4",
               12900, 9800);
  catalog.Good("ETICHETTATRICE", "Etichettatrice portatile", "Handheld label maker", 3490, 400);
  catalog.Good("NASTRO-ETICH", "Nastro per etichettatrice 12 mm, nero su bianco",
               "Label tape 12 mm, black on white", 1490, 40, "roll");
  catalog.Good("CESTINO", "Cestino gettacarte 16 l", "Waste paper bin 16 l", 590, 700);
  catalog.Good("PORTAPENNE", "Portapenne in rete metallica", "Mesh pen holder", 350, 180);
  catalog.Goods("VASCHETTA", "Vaschetta portacorrispondenza impilabile", "Stackable letter tray",
                390, 400, {{"NE", "nera", "black"}, {"FU", "fumé", "smoke"}});
}

void AddBooksFoodAndStamps(CatalogBuilder& catalog) {
  // Books, newspapers and periodicals: IVA 4% (super_reduced). The day's paper and the
  // magazine sit at the counter.
  catalog.Aisle("books", "H");
  catalog.Good("LIBRO-CONTABILITA", "Manuale di contabilità aziendale",
               "Business accounting handbook", 3200, 900, "piece", "super_reduced");
  catalog.Good("LIBRO-CODICE-CIVILE", "Codice civile 2026, edizione tascabile",
               "Italian Civil Code 2026, pocket edition", 2500, 1100, "piece", "super_reduced");
  catalog.Good("LIBRO-DIZ-IT-EN", "Dizionario italiano-inglese", "Italian-English dictionary", 4500,
               1800, "piece", "super_reduced");
  catalog.Good("LIBRO-GUIDA-IVA", "Guida pratica all'IVA 2026", "Practical guide to VAT 2026", 2900,
               700, "piece", "super_reduced");
  catalog.Good("LIBRO-LETTERE", "Scrivere lettere commerciali in inglese",
               "Writing business letters in English", 1850, 400, "piece", "super_reduced");
  catalog.Good("QUOTIDIANO-ECO", "Quotidiano economico, copia singola",
               "Business daily newspaper, single copy", 250, 180, "piece", "super_reduced");
  catalog.Good("RIVISTA-UFFICIO", "Rivista mensile «Ufficio Moderno»",
               "\"Ufficio Moderno\" monthly magazine", 600, 250, "piece", "super_reduced");
  catalog.Place("QUOTIDIANO-ECO", "COUNTER");
  catalog.Place("RIVISTA-UFFICIO", "COUNTER");
  // Food for the office kitchen: sugar and biscuits 10% (reduced), mineral water 22%.
  catalog.Aisle("kitchen", "K");
  catalog.Good("ZUCCHERO-BUSTINE", "Zucchero in bustine (1 kg)", "Sugar sachets (1 kg)", 390, 1050,
               "pack", "reduced");
  catalog.Good("BISCOTTI", "Biscotti frollini (700 g)", "Shortbread biscuits (700 g)", 320, 750,
               "pack", "reduced");
  catalog.Good("ACQUA-6X15", "Acqua minerale naturale 6 x 1,5 l", "Still mineral water 6 x 1.5 l",
               290, 9300, "pack");
  // Postage stamps sold at face value: exempt; kept in the till.
  catalog.Category("postage");
  catalog.Good("FRANCOBOLLO-B", "Francobollo posta ordinaria (B)",
               "Ordinary mail postage stamp (B)", 125, 1, "piece", "exempt");
  catalog.Place("FRANCOBOLLO-B", "COUNTER");
}

void AddServices(CatalogBuilder& catalog) {
  catalog.Aisle("services", "");
  catalog.Service("SRV-RILEGATURA-SPIRALE", "Rilegatura a spirale", "Comb binding", 250, "piece");
  catalog.Service("SRV-RILEGATURA-TERMICA", "Rilegatura termica", "Thermal binding", 350, "piece");
  catalog.Service("SRV-RILEGATURA-TESI", "Rilegatura tesi in similpelle con scritte oro",
                  "Thesis hardcover binding with gold lettering", 2500, "piece");
  catalog.Service("SRV-STAMPA-BN-A4", "Stampa digitale bianco e nero A4, per pagina",
                  "Black and white digital printing A4, per page", 8, "page");
  catalog.Service("SRV-STAMPA-COL-A4", "Stampa digitale a colori A4, per pagina",
                  "Colour digital printing A4, per page", 35, "page");
  catalog.Service("SRV-STAMPA-COL-A3", "Stampa digitale a colori A3, per pagina",
                  "Colour digital printing A3, per page", 70, "page");
  catalog.Service("SRV-FOTOCOPIE-BN-A4", "Fotocopie bianco e nero A4, per copia",
                  "Black and white photocopies A4, per copy", 6, "page");
  catalog.Service("SRV-FOTOCOPIE-BN-A3", "Fotocopie bianco e nero A3, per copia",
                  "Black and white photocopies A3, per copy", 12, "page");
  catalog.Service("SRV-SCANSIONE", "Scansione documenti in PDF, per pagina",
                  "Document scanning to PDF, per page", 10, "page");
  catalog.Service("SRV-PLASTIFICAZIONE-A4", "Plastificazione A4", "A4 lamination", 100, "piece");
  catalog.Service("SRV-BIGLIETTI-VISITA", "Stampa biglietti da visita (100 pezzi)",
                  "Business card printing (100 cards)", 1990, "piece");
  catalog.Service("SRV-GRAFICA", "Progettazione grafica, oraria", "Graphic design, per hour", 4000,
                  "hour");
  catalog.Service("SRV-ASSISTENZA", "Assistenza tecnica stampanti, oraria",
                  "Printer technical support, per hour", 4500, "hour");
  catalog.Service("SRV-INSTALLAZIONE-STAMPANTE", "Installazione e configurazione stampante di rete",
                  "Network printer installation and setup", 6000, "piece");
  catalog.Service("SRV-MANUTENZIONE-MENSILE", "Canone manutenzione fotocopiatrice, mensile",
                  "Photocopier maintenance contract, monthly", 3500, "month");
  catalog.Service("SRV-NOLEGGIO-FOTOCOPIATRICE", "Noleggio fotocopiatrice multifunzione, mensile",
                  "Multifunction photocopier rental, monthly", 8900, "month");
  catalog.Service("SRV-CONSEGNA-URGENTE", "Consegna urgente in città entro 2 ore",
                  "Urgent same-city delivery within 2 hours", 1500, "piece");
  catalog.Service("SRV-DISTRUZIONE-DOC", "Distruzione certificata documenti riservati, al kg",
                  "Certified confidential document destruction, per kg", 80, "kg");
  catalog.Service("SRV-FORMAZIONE", "Formazione sull'uso del gestionale, oraria",
                  "Office software training, per hour", 5000, "hour");
  catalog.Service("SRV-IMBALLAGGIO", "Imballaggio personalizzato per spedizione",
                  "Custom packaging for shipment", 500, "piece");
}

// An Italian VAT number: "IT", the 10 digits given, and the check digit (Luhn's scheme as the
// Agenzia delle Entrate defines it: digits in even positions doubled, 9 subtracted above 9).
std::string ItalianVatNumber(const std::string& ten_digits) {
  int sum = 0;
  for (std::size_t i = 0; i < ten_digits.size(); ++i) {
    int digit = ten_digits[i] - '0';
    if (i % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return "IT" + ten_digits + std::to_string((10 - sum % 10) % 10);
}

struct Place {
  const char* line1;
  const char* postal_code;
  const char* city;
  const char* region;
};

// An address at `place`; the core structs leave strings without defaults, so it is filled
// field by field.
Address AddressAt(const std::string& name, const std::string& company, const Place& place,
                  const std::string& country) {
  Address address;
  address.name = name;
  address.company = company;
  address.line1 = place.line1;
  address.postal_code = place.postal_code;
  address.city = place.city;
  address.region = place.region;
  address.country = country;
  return address;
}

// A saved address in Italy, both default billing and default shipping.
CustomerAddress Seat(const std::string& label, const std::string& name, const std::string& company,
                     const Place& place) {
  return CustomerAddress{.label = label,
                         .address = AddressAt(name, company, place, "IT"),
                         .default_billing = true,
                         .default_shipping = true};
}

// A customer with `seat` as the only address.
Customer CustomerAt(const std::string& name, const std::string& company, const std::string& tax_id,
                    const std::string& email, const std::string& phone, const std::string& locale,
                    CustomerAddress seat) {
  Customer customer;
  customer.name = name;
  customer.company = company;
  customer.tax_id = tax_id;
  customer.email = email;
  customer.phone = phone;
  customer.locale = locale;
  customer.addresses.push_back(std::move(seat));
  return customer;
}

struct CompanyRow {
  const char* company;
  const char* contact;
  const char* vat_digits;  // Ten digits; the check digit is computed.
  const char* email;
  const char* phone;
  Place place;
};

struct PersonRow {
  const char* name;
  const char* email;
  const char* phone;
  Place place;
};

constexpr CompanyRow kCompanies[] = {
    {"Studio Legale Bianchi & Associati",
     "Avv. Giulia Bianchi",
     "0123456789",
     "segreteria@studiobianchi.example",
     "02 7601 2345",
     {"Corso di Porta Vittoria 28", "20122", "Milano", "MI"}},
    {"Tipografia Moderna S.n.c.",
     "Franco Colombo",
     "0234567801",
     "ordini@tipografiamoderna.example",
     "+39 02 2940 1188",
     {"Via Padova 112", "20127", "Milano", "MI"}},
    {"Ferretti Costruzioni S.p.A.",
     "Ing. Massimo Ferretti",
     "0345678012",
     "acquisti@ferretticostruzioni.example",
     "06 4470 3321",
     {"Via Tiburtina 540", "00159", "Roma", "RM"}},
    {"Farmacia San Marco",
     "Dott.ssa Elena Moretti",
     "0456780123",
     "info@farmaciasanmarco.example",
     "041 522 3344",
     {"Calle Larga San Marco 412", "30124", "Venezia", "VE"}},
    {"Commercialisti Associati Greco",
     "Dott. Paolo Greco",
     "0567801234",
     "studio@grecocommercialisti.example",
     "081/764.22.10",
     {"Via Toledo 256", "80134", "Napoli", "NA"}},
    {"Autofficina Ricci S.r.l.",
     "Marco Ricci",
     "0678012345",
     "officina@autoricci.example",
     "011 436 7788",
     {"Corso Giulio Cesare 215", "10155", "Torino", "TO"}},
    {"Agenzia Immobiliare Duomo",
     "Sara Fontana",
     "0780123456",
     "info@immobiliareduomo.example",
     "055 21 45 67",
     {"Via dei Calzaiuoli 7", "50122", "Firenze", "FI"}},
    {"Hotel Miramare S.r.l.",
     "Claudia Parodi",
     "0801234567",
     "amministrazione@hotelmiramare.example",
     "010 246 8135",
     {"Corso Italia 14", "16145", "Genova", "GE"}},
    {"Scuola di Lingue Babel",
     "Laura Conti",
     "0912345678",
     "segreteria@babelscuola.example",
     "051 644 1020",
     {"Via dell'Indipendenza 44", "40121", "Bologna", "BO"}},
    {"Officine Meccaniche Lombarde S.p.A.",
     "Rag. Sergio Pagani",
     "1023456789",
     "economato@oml.example",
     "035 412 9900",
     {"Via Grumello 61", "24127", "Bergamo", "BG"}},
    {"Ristorante Da Gino",
     "Gino Esposito",
     "1134567890",
     "dagino@ristorantedagino.example",
     "347 812 3456",
     {"Via Partenope 30", "80121", "Napoli", "NA"}},
    {"Cooperativa Sociale Il Girasole",
     "Anna Marchetti",
     "1245678901",
     "coop@ilgirasole.example",
     "045 803 1177",
     {"Via XX Settembre 92", "37129", "Verona", "VR"}},
    {"Centro Medico Salus",
     "Dott.ssa Irene Zanetti",
     "1356789012",
     "segreteria@centrosalus.example",
     "049 875 6400",
     {"Via Venezia 59", "35131", "Padova", "PD"}},
    {"Architetti Riuniti Barbieri Galli",
     "Arch. Luca Galli",
     "1467890123",
     "studio@barbierigalli.example",
     "030 377 1540",
     {"Via Solferino 33", "25122", "Brescia", "BS"}},
    {"Assicurazioni Lombardi Agenzia Monza",
     "Giorgio Lombardi",
     "1578901234",
     "monza@lombardiassicura.example",
     "039 232 4455",
     {"Via Italia 21", "20900", "Monza", "MB"}},
    {"Palestra Energia S.S.D.",
     "Davide Serra",
     "1689012345",
     "info@palestraenergia.example",
     "+39 080 521 9988",
     {"Corso Cavour 120", "70121", "Bari", "BA"}},
    {"Panificio F.lli Russo",
     "Salvatore Russo",
     "1790123456",
     "panificiorusso@posta.example",
     "091 611 2233",
     {"Via Maqueda 180", "90133", "Palermo", "PA"}},
    {"Cantina Sociale Valle dell'Adige",
     "Walter Moser",
     "1801234567",
     "amministrazione@cantinadige.example",
     "0461 98 22 11",
     {"Via Brennero 152", "38121", "Trento", "TN"}},
    {"Informatica Lariana S.r.l.",
     "Matteo Sala",
     "1912345670",
     "vendite@informaticalariana.example",
     "031 27 43 90",
     {"Viale Innocenzo XI 21", "22100", "Como", "CO"}},
    {"Poliambulatorio Santa Chiara",
     "Rosa Cattaneo",
     "2023456781",
     "info@santachiara.example",
     "0332 28 61 00",
     {"Via Sacco 5", "21100", "Varese", "VA"}},
    {"Libreria Universitaria Ticino",
     "Chiara Ferri",
     "2134567892",
     "libreria@universitariaticino.example",
     "0382 30 11 45",
     {"Corso Strada Nuova 86", "27100", "Pavia", "PV"}},
    {"Caseificio Emiliano S.r.l.",
     "Roberto Ferrari",
     "2245678903",
     "ordini@caseificioemiliano.example",
     "0521 99 87 65",
     {"Strada Langhirano 230", "43124", "Parma", "PR"}},
    {"Ceramiche Estensi S.p.A.",
     "Monica Bertoni",
     "2356789014",
     "acquisti@ceramicheestensi.example",
     "059 22 33 440",
     {"Via Emilia Est 1010", "41122", "Modena", "MO"}},
    {"Comune di Rho - Ufficio Economato",
     "Dott. Enrico Sartori",
     "2467890125",
     "economato@comune-rho.example",
     "02 9333 2201",
     {"Piazza Visconti 23", "20017", "Rho", "MI"}},
    {"Trasporti Veloci Sesto S.r.l.",
     "Paolo Mariani",
     "2578901236",
     "logistica@trasportiveloci.example",
     "02.2424.7788",
     {"Viale Gramsci 350", "20099", "Sesto San Giovanni", "MI"}},
    {"Studio Dentistico Dott. Rinaldi",
     "Dott. Andrea Rinaldi",
     "2689012347",
     "studio@dentistarinaldi.example",
     "06 8537 2290",
     {"Viale Parioli 72", "00197", "Roma", "RM"}},
    {"Ottica Visconti",
     "Federica Visconti",
     "2790123458",
     "negozio@otticavisconti.example",
     "0371 42 11 09",
     {"Corso Umberto I 48", "26900", "Lodi", "LO"}},
    {"Gelateria Artigiana Polo Nord",
     "Simone Rizzo",
     "2801234569",
     "polonord@gelateria.example",
     "333 456 7812",
     {"Via Garibaldi 3", "10122", "Torino", "TO"}},
};

constexpr PersonRow kPersons[] = {
    {"Mario Rossi",
     "mario.rossi@posta.example",
     "347 123 4567",
     {"Via Giuseppe Verdi 8", "20121", "Milano", "MI"}},
    {"Francesca Romano",
     "francesca.romano@posta.example",
     "3391234567",
     {"Via Nazionale 184", "00184", "Roma", "RM"}},
    {"Alessandro Gallo",
     "a.gallo@posta.example",
     "+39 328 765 4321",
     {"Via Po 23", "10124", "Torino", "TO"}},
    {"Giulia Costa",
     "giulia.costa@posta.example",
     "0039 340 998 7766",
     {"Via Rizzoli 12", "40125", "Bologna", "BO"}},
    {"Luca Bruno",
     "luca.bruno@posta.example",
     "(02) 8912 3344",
     {"Corso Buenos Aires 77", "20124", "Milano", "MI"}},
    {"Martina De Luca",
     "martina.deluca@posta.example",
     "366-555-0192",
     {"Via Chiaia 140", "80132", "Napoli", "NA"}},
    {"Stefano Mancini", "", "055 234 5566", {"Borgo San Frediano 41", "50124", "Firenze", "FI"}},
    {"Elisa Lombardo",
     "elisa.lombardo@posta.example",
     "345 11 22 333",
     {"Via San Vincenzo 9", "16121", "Genova", "GE"}},
    {"Giovanni Barbieri",
     "giovanni.barbieri@posta.example",
     "",
     {"Via Mazzini 51", "37121", "Verona", "VR"}},
    {"Chiara Fabbri",
     "chiara.fabbri@posta.example",
     "+393472223344",
     {"Via Roma 15", "35122", "Padova", "PD"}},
    {"Andrea Caruso",
     "andrea.caruso@posta.example",
     "080 523 4411",
     {"Via Sparano da Bari 60", "70121", "Bari", "BA"}},
    {"Valentina Ferraro",
     "vale.ferraro@posta.example",
     "320 4455667",
     {"Via della Libertà 101", "90143", "Palermo", "PA"}},
    {"Roberto Marini",
     "roberto.marini@posta.example",
     "035 21 76 54",
     {"Via XX Settembre 18", "24122", "Bergamo", "BG"}},
    {"Silvia Pellegrini",
     "silvia.pellegrini@posta.example",
     "392 876 5432",
     {"Corso Zanardelli 29", "25121", "Brescia", "BS"}},
    {"Davide Testa",
     "davide.testa@posta.example",
     "039 38 21 09",
     {"Via Vittorio Emanuele II 7", "20900", "Monza", "MB"}},
    {"Paola Grassi",
     "paola.grassi@posta.example",
     "348.901.2345",
     {"Via Manci 44", "38122", "Trento", "TN"}},
    {"Federico Villa",
     "federico.villa@posta.example",
     "331 234 5678",
     {"Via Vittorio Emanuele II 113", "22100", "Como", "CO"}},
    {"Beatrice Longo",
     "beatrice.longo@posta.example",
     "041 95 12 34",
     {"Via Piave 66", "30171", "Venezia", "VE"}},
    {"Giorgia Marchi",
     "giorgia.marchi@posta.example",
     "0541 78 90 12",
     {"Viale Amerigo Vespucci 30", "47921", "Rimini", "RN"}},
};

// The key of one demo record: seeding is the command line's, apart from every API caller.
IdempotencyKey DemoKey(std::string value) {
  return IdempotencyKey{
      .value = std::move(value), .fingerprint = "demo", .principal = "cli:seed-demo"};
}

}  // namespace

std::vector<Item> DemoItems() {
  CatalogBuilder catalog;
  AddWritingInstruments(catalog);
  AddPaper(catalog);
  AddNotebooks(catalog);
  AddFiling(catalog);
  AddEnvelopesAndLabels(catalog);
  AddPrinterSupplies(catalog);
  AddOfficeEquipment(catalog);
  AddBooksFoodAndStamps(catalog);
  AddServices(catalog);

  // Low stock, to show both backorder policies at the counter.
  catalog.Stock("CARTA-A4-80-BANCALE", 2, BackorderPolicy::kRefuse);
  catalog.Stock("TONER-HP26X", 3, BackorderPolicy::kRefuse);
  catalog.Stock("CALC-SCRIV", 4, BackorderPolicy::kRefuse);
  catalog.Stock("DISTRUGGIDOC", 1, BackorderPolicy::kAllow);
  catalog.Stock("PLASTIFICATRICE-A4", 0, BackorderPolicy::kAllow);
  catalog.Stock("LAVAGNA-90X120", 2, BackorderPolicy::kAllow);
  catalog.Stock("RILEGATRICE", 5, BackorderPolicy::kAllow);
  catalog.Stock("AGENDA-2026-G", 6, BackorderPolicy::kRefuse);
  // Plenty of stock, tracked.
  catalog.Stock("CARTA-A4-80", 480, BackorderPolicy::kAllow);
  catalog.Stock("CARTA-A4-80-SCATOLA", 95, BackorderPolicy::kAllow);
  catalog.Stock("TONER-HP26A", 40, BackorderPolicy::kAllow);
  catalog.Stock("ETICHETTATRICE", 25, BackorderPolicy::kRefuse);
  // Last year's diary is no longer sold.
  catalog.Deactivate("AGENDA-2025");
  return catalog.Take();
}

std::vector<Customer> DemoCustomers() {
  std::vector<Customer> customers;
  for (const CompanyRow& row : kCompanies) {
    customers.push_back(CustomerAt(row.contact, row.company, ItalianVatNumber(row.vat_digits),
                                   row.email, row.phone, "it",
                                   Seat("Sede", row.contact, row.company, row.place)));
  }
  for (const PersonRow& row : kPersons) {
    customers.push_back(CustomerAt(row.name, "", "", row.email, row.phone, "it",
                                   Seat("Casa", row.name, "", row.place)));
  }

  // A few with a second address where goods go.
  auto second_shipping = [&customers](const std::string& company_or_name, const std::string& label,
                                      const Place& place) {
    auto customer = std::find_if(customers.begin(), customers.end(), [&](const Customer& c) {
      return c.company == company_or_name || c.name == company_or_name;
    });
    COMMESSO_INVARIANT(customer != customers.end(), "the demo data names an unknown customer");
    customer->addresses.front().default_shipping = false;
    CustomerAddress extra = Seat(label, customer->name, customer->company, place);
    extra.default_billing = false;
    customer->addresses.push_back(std::move(extra));
  };
  second_shipping("Ferretti Costruzioni S.p.A.", "Cantiere Eur",
                  {"Viale Europa 190", "00144", "Roma", "RM"});
  second_shipping("Officine Meccaniche Lombarde S.p.A.", "Magazzino",
                  {"Via Zanica 88", "24050", "Grassobbio", "BG"});
  second_shipping("Hotel Miramare S.r.l.", "Dependance",
                  {"Via Aurelia 12", "16031", "Bogliasco", "GE"});
  second_shipping("Mario Rossi", "Ufficio", {"Via Torino 45", "20123", "Milano", "MI"});

  // An exporter buying without IVA on a declaration of intent (art. 8 c. 1 lett. c DPR 633/72).
  Customer exporter = CustomerAt(
      "Ing. Carlo Benedetti", "Meccanica Export Brianza S.r.l.", ItalianVatNumber("2912345671"),
      "amministrazione@meccanicaexport.example", "0362 55 44 33", "it",
      Seat("Sede", "Ing. Carlo Benedetti", "Meccanica Export Brianza S.r.l.",
           {"Via Milano 145", "20832", "Desio", "MB"}));
  exporter.tax_exempt = true;
  exporter.exemption_reference = "Dichiarazione d'intento n. 2026/123";
  customers.push_back(std::move(exporter));

  // Two foreign customers who read English.
  customers.push_back(CustomerAt(
      "Katrin Müller", "Schreibwaren Müller GmbH", "DE123456789",
      "einkauf@schreibwaren-mueller.example", "+49 30 1234 5678", "en",
      CustomerAddress{.label = "Office",
                      .address = AddressAt("Katrin Müller", "Schreibwaren Müller GmbH",
                                           {"Friedrichstraße 123", "10117", "Berlin", "BE"}, "DE"),
                      .default_billing = true,
                      .default_shipping = true}));
  customers.push_back(CustomerAt(
      "James Whitfield", "Thames Office Supplies Ltd", "GB123456789", "orders@thamesoffice.example",
      "+44 20 7946 0321", "en",
      CustomerAddress{.label = "Head office",
                      .address = AddressAt("James Whitfield", "Thames Office Supplies Ltd",
                                           {"221 Tooley Street", "SE1 2JX", "London", ""}, "GB"),
                      .default_billing = true,
                      .default_shipping = true}));
  return customers;
}

Result<DemoCounts> SeedDemo(Catalog& catalog, CustomerStore& customers, const PhoneNumbers& phones,
                            const Business& business) {
  auto existing = catalog.Search("", 1, "");
  if (!existing) return Fail(existing.error());
  if (!existing->entries.empty()) return DemoCounts{.already_seeded = true};

  std::vector<Item> items = DemoItems();
  std::vector<Customer> people = DemoCustomers();

  // Check everything before writing anything, so a mismatched configuration leaves the
  // database empty rather than half seeded.
  std::vector<FieldError> problems;
  auto collect = [&problems](const std::string& prefix, std::vector<FieldError> found) {
    for (FieldError& problem : found) {
      problems.push_back(FieldError{prefix + "." + problem.path, std::move(problem.problem)});
    }
  };
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].unit_price = Money(items[i].unit_price.minor(), business.rules.currency);
    collect("items[" + std::to_string(i) + "]", ValidateItem(items[i], business.rules));
  }
  for (std::size_t i = 0; i < people.size(); ++i) {
    people[i].phone_e164 = phones.ToE164(people[i].phone, business.phone_region);
    collect("customers[" + std::to_string(i) + "]", ValidateCustomer(people[i]));
  }
  if (business.rules.currency != kEur) {
    problems.insert(problems.begin(), FieldError{"pricing.currency", "the demo prices are in EUR"});
  }
  if (!problems.empty()) {
    return Fail({ErrorCode::kInvalidInput,
                 "the demo data does not fit this configuration (use config/demo.toml)",
                 std::move(problems)});
  }

  DemoCounts counts;
  for (const Item& item : items) {
    auto created = catalog.Create(item, DemoKey("demo-item-" + item.sku), nullptr);
    if (!created) return Fail(created.error());
    ++counts.items;
  }
  for (std::size_t i = 0; i < people.size(); ++i) {
    auto created =
        customers.Create(people[i], DemoKey("demo-customer-" + std::to_string(i + 1)), nullptr);
    if (!created) return Fail(created.error());
    ++counts.customers;
  }
  return counts;
}

}  // namespace commesso
