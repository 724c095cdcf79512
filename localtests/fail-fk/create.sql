drop table if exists gh_ost_test;
drop table if exists gh_ost_test_owner;
create table gh_ost_test_owner (
  id int not null,
  primary key (id)
) engine=innodb;

create table gh_ost_test (
  id int not null auto_increment,
  owner_id int not null,
  primary key (id),
  key owner_idx (owner_id),
  constraint gh_ost_test_owner_fk foreign key (owner_id) references gh_ost_test_owner (id)
) engine=innodb;

insert into gh_ost_test_owner values (1), (2);
insert into gh_ost_test (owner_id) values (1), (2), (2);
