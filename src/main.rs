fn main() {
    proxipro::start();
}
