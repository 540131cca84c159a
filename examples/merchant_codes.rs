//! A merchant makes its codes: a static sticker for the counter and a dynamic code with the
//! amount of one sale. The builder counts lengths in characters, computes the CRC and refuses
//! anything the decoder would refuse.
//!
//! `cargo run --example merchant_codes`

use emvqr::PayloadBuilder;

fn main() -> Result<(), emvqr::Error> {
    // Everything the two codes share: a Pix account and the merchant's details.
    let merchant = PayloadBuilder::new()
        .merchant_template(26, "br.gov.bcb.pix", &[(1, "caixa@padaria.example")])
        .merchant_category_code("5462")
        .currency("986")
        .country("BR")
        .merchant_name("PADARIA CENTRAL")
        .merchant_city("BRASILIA");

    let sticker = merchant
        .clone()
        .static_code()
        .additional_data(5, "***")
        .build()?;
    println!("static:  {sticker}");

    let sale = merchant
        .clone()
        .dynamic()
        .amount("27.50")
        .additional_data(5, "VENDA0042")
        .build()?;
    println!("dynamic: {sale}");
    let amount = sale.as_payload().amount().and_then(|a| a.to_minor_units(2));
    println!("         amount in centavos: {amount:?}");

    // A malformed amount is refused with the decoder's own error.
    if let Err(refused) = merchant.dynamic().amount("27,50").build() {
        println!("refused: {refused} [{}]", refused.code());
    }
    Ok(())
}
